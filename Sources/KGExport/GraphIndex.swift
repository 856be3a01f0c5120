import KGModel

/// A compact, id-only picture of a graph that exporters build in one pass over the reader, so
/// they can group, select and look up without holding any record's strings.
///
/// Memory is about 32 bytes per triple and one IRI string per entity; labels, sentences and
/// qualifiers are never kept — they are streamed from the reader when written.
struct GraphIndex {
    /// One stored triple by ids; the predicate is an index into `predicates`.
    struct Edge {
        var id: Int64
        var subject: Int64
        var object: Int64
        var predicate: Int32
    }

    /// Entity id → entity IRI (percent-encoded key).
    var entityIRI: [Int64: String] = [:]
    /// Entity id → index into `types`.
    var entityType: [Int64: Int32] = [:]
    var types: [String] = []
    private var typeIndex: [String: Int32] = [:]
    /// Triples in id order (the reader's order), for lookup by id.
    var edges: ContiguousArray<Edge> = []
    var predicates: [String] = []
    private var predicateIndex: [String: Int32] = [:]

    /// Reads entities (and, when `edges` is true, triples) from `reader`; `entity` sees each
    /// entity record on the way, so callers can pick what they need from the same pass.
    init(
        _ reader: any GraphReader, edges wantEdges: Bool = true, entity: (GraphEntity) throws -> Void = { _ in }
    ) throws {
        try reader.forEachEntity { e in
            entityIRI[e.id] = KGNamespace.entityIRI(key: e.key)
            entityType[e.id] = Self.intern(e.type, &types, &typeIndex)
            try entity(e)
        }
        if wantEdges {
            var sorted = true
            try reader.forEachTriple { t in
                let p = Self.intern(t.predicate, &predicates, &predicateIndex)
                if let last = edges.last, last.id >= t.id { sorted = false }
                edges.append(Edge(id: t.id, subject: t.subject, object: t.object, predicate: p))
            }
            // The reader promises id order; sort anyway rather than trust it for binary search.
            if !sorted { edges.sort { $0.id < $1.id } }
        }
    }

    /// The triple with id `id`, by binary search.
    func edge(id: Int64) -> Edge? {
        var low = 0
        var high = edges.count
        while low < high {
            let mid = (low + high) / 2
            if edges[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low < edges.count && edges[low].id == id ? edges[low] : nil
    }

    func type(of entity: Int64) -> String? { entityType[entity].map { types[Int($0)] } }

    private static func intern(_ s: String, _ list: inout [String], _ index: inout [String: Int32]) -> Int32 {
        if let i = index[s] { return i }
        let i = Int32(list.count)
        list.append(s)
        index[s] = i
        return i
    }
}
