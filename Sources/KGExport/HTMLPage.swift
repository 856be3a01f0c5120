import Foundation
import KGModel

/// One self-contained HTML file to explore a drawing: the Graphviz SVG inline with pan and zoom,
/// a search box (Chinese, English or pinyin) that centres the entity found, and a side panel
/// listing a clicked entity's triples or a clicked edge's evidence sentences with the subject and
/// object highlighted, document, rule and confidence.
///
/// Nothing is fetched: the SVG, the data (JSON in a `<script type="application/json">`), the
/// style and the script are all in the file, so it can be mailed and opened offline. The SVG must
/// come from a DOT written with `DOTOptions.elementIDs`, so that its node and edge groups are
/// `n<entity id>` and `e<triple id>`. `#node=n5` or `#edge=e12` in the address opens the panel
/// on that entity or edge (and the page keeps the address in step, so a view can be shared).
public struct HTMLPage {
    public var vocabulary: Vocabulary
    public var selection: GraphSelection
    /// Pinyin of a Chinese label as typed in the search box (lower case, no spaces).
    public var pinyin: (String) -> String

    public init(vocabulary: Vocabulary = .builtIn, selection: GraphSelection, pinyin: @escaping (String) -> String) {
        self.vocabulary = vocabulary
        self.selection = selection
        self.pinyin = pinyin
    }

    /// Writes the page for the drawing `svg` of `reader`'s selected graph.
    public func write(_ reader: any GraphReader, svg: String, to sink: TextSink) throws {
        let selected = try selection.resolve(reader, vocabulary: vocabulary)
        try sink.write(Self.head)
        try sink.write("<div id=\"view\">" + Self.inlineSVG(svg) + "</div>\n")
        try sink.write("<script type=\"application/json\" id=\"kg-data\">")
        try writeData(reader, selected: selected, to: sink)
        try sink.write("</script>\n<script>\n" + Self.script + "</script>\n</body>\n</html>\n")
    }

    /// The `<svg>` element alone: the XML declaration, doctype and comments Graphviz writes
    /// before it are not allowed inside HTML.
    static func inlineSVG(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }

    /// `{"entities": {"n5": {...}}, "triples": {"e12": {...}}}`, with `</` escaped so no
    /// string can close the script element.
    private func writeData(_ reader: any GraphReader, selected: SelectedGraph, to sink: TextSink) throws {
        func json(_ text: String) -> String { JSONText.quote(text).replacingOccurrences(of: "</", with: "<\\/") }
        var labels: [Int64: String] = [:]
        var first = true
        try sink.write("{\"entities\": {")
        let visit = selected.connectedOnly ? reader.forEachConnectedEntity : reader.forEachEntity
        try visit { e in
            guard selected.contains(entity: e.id) else { return }
            labels[e.id] = e.labelZh
            let type = vocabulary.type(e.type)
            let fields = [
                "\"zh\": " + json(e.labelZh), "\"en\": " + json(e.labelEn ?? ""), "\"pinyin\": " + json(pinyin(e.labelZh)),
                "\"type\": " + json(type.map { "\($0.labelZh) \($0.labelEn)" } ?? e.type),
                "\"aliases\": [" + e.aliases.map(json).joined(separator: ", ") + "]",
            ]
            try sink.write((first ? "\n" : ",\n") + json(DOTExporter.nodeID(e.id)) + ": {" + fields.joined(separator: ", ") + "}")
            first = false
        }
        // Evidence grouped by triple, documents by id: the selection is what one page shows, so
        // holding its evidence in memory is bounded by what Graphviz can draw.
        var documents: [Int64: GraphDocument] = [:]
        for d in try reader.documents() { documents[d.id] = d }
        var evidence: [Int64: [String]] = [:]
        try reader.forEachEvidence { ev in
            guard selected.contains(triple: ev.tripleID) else { return }
            let doc = documents[ev.documentID]
            let fields = [
                "\"sentence\": [" + Self.pieces(ev).map { "[" + json($0.text) + ", " + json($0.role) + "]" }.joined(separator: ", ") + "]",
                "\"document\": " + json(doc?.path ?? "document \(ev.documentID)"),
                "\"title\": " + json(doc?.metadata.title ?? ""), "\"rule\": " + json(ev.ruleID),
                "\"confidence\": " + json(DecimalText.of(ev.confidence)),
                "\"qualifiers\": " + json(ev.qualifiers.map(\.description).joined(separator: "; ")),
            ]
            evidence[ev.tripleID, default: []].append("{" + fields.joined(separator: ", ") + "}")
        }
        try sink.write("\n}, \"triples\": {")
        first = true
        try reader.forEachTriple { t in
            guard selected.contains(triple: t.id), labels[t.subject] != nil, labels[t.object] != nil else { return }
            let info = vocabulary.predicate(t.predicate)
            let fields = [
                "\"s\": " + json(DOTExporter.nodeID(t.subject)), "\"o\": " + json(DOTExporter.nodeID(t.object)),
                "\"p\": " + json(info.map { "\($0.labelEn) \($0.labelZh)" } ?? t.predicate),
                "\"confidence\": " + json(DecimalText.of(t.confidence)),
                "\"qualifiers\": " + json(t.qualifiers.map(\.description).joined(separator: "; ")),
                "\"evidence\": [" + (evidence[t.id] ?? []).joined(separator: ", ") + "]",
            ]
            try sink.write((first ? "\n" : ",\n") + json("e\(t.id)") + ": {" + fields.joined(separator: ", ") + "}")
            first = false
        }
        try sink.write("\n}}")
    }

    /// The sentence cut into runs marked "s" (the subject's span), "o" (the object's) or "".
    /// Offsets are in characters (Unicode scalars) of the document, as stored; cutting here
    /// spares the page's script from counting UTF-16 units.
    static func pieces(_ ev: GraphEvidence) -> [(text: String, role: String)] {
        let scalars = Array(ev.sentenceText.unicodeScalars)
        var role = Array(repeating: "", count: scalars.count)
        for (span, mark) in [(ev.subjectSpan, "s"), (ev.objectSpan, "o")] {
            guard let span else { continue }
            let lower = max(0, span.start - ev.sentenceSpan.start), upper = min(scalars.count, span.end - ev.sentenceSpan.start)
            if lower < upper { for k in lower..<upper { role[k] = mark } }
        }
        var out: [(String, String)] = []
        var k = 0
        while k < scalars.count {
            var j = k
            while j < scalars.count, role[j] == role[k] { j += 1 }
            out.append((String(String.UnicodeScalarView(scalars[k..<j])), role[k]))
            k = j
        }
        return out
    }

    static let head = """
        <!DOCTYPE html>
        <html lang="zh">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>kg graph</title>
        <style>
        html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; font-size: 14px; color: #222; }
        body { display: grid; grid-template-columns: 1fr 380px; grid-template-rows: auto 1fr; height: 100vh; }
        header { grid-column: 1 / 3; display: flex; gap: 8px; align-items: center; padding: 6px 10px; border-bottom: 1px solid #ccc; background: #f7f7f7; position: relative; }
        header input { width: 360px; padding: 4px 6px; font-size: 14px; }
        header .hint { color: #666; font-size: 12px; }
        #results { position: absolute; top: 34px; left: 10px; width: 420px; max-height: 60vh; overflow: auto; margin: 0; padding: 0; list-style: none; background: #fff; border: 1px solid #ccc; z-index: 2; }
        #results:empty { display: none; }
        #results li { padding: 4px 8px; cursor: pointer; }
        #results li:hover, #results li.active { background: #e8f0fe; }
        #view { grid-column: 1; grid-row: 2; min-height: 0; overflow: hidden; position: relative; cursor: grab; }
        #view svg { width: 100%; height: 100%; display: block; user-select: none; }
        #view .node, #view .edge { cursor: pointer; }
        #view .picked polygon, #view .picked ellipse, #view .picked path { stroke: #d93025 !important; stroke-width: 3px; }
        aside { grid-column: 2; grid-row: 2; min-height: 0; border-left: 1px solid #ccc; padding: 10px 12px; overflow: auto; }
        aside h2 { font-size: 16px; margin: 4px 0 8px; }
        aside .meta { color: #555; font-size: 12px; }
        aside ul { padding-left: 18px; }
        aside li { margin: 4px 0; }
        aside a { color: #1a56c4; cursor: pointer; text-decoration: none; }
        .evidence { border-top: 1px solid #eee; padding: 8px 0; }
        .evidence p { margin: 4px 0; line-height: 1.6; }
        mark.s { background: #cde4ff; }
        mark.o { background: #ffe3b3; }
        </style>
        </head>
        <body>
        <header><input id="search" type="search" placeholder="搜索 search: 中文, English, pinyin" autocomplete="off">
        <span class="hint">drag to pan, wheel to zoom; click a node or an edge</span><ul id="results"></ul></header>
        <aside id="panel"><h2>kg</h2><p>Click a node to list its triples, or an edge to read its evidence.</p></aside>

        """

    static let script = #"""
        "use strict";
        const data = JSON.parse(document.getElementById("kg-data").textContent);
        const svg = document.querySelector("#view svg");
        const panel = document.getElementById("panel");
        svg.removeAttribute("width"); svg.removeAttribute("height");
        const box = svg.viewBox.baseVal;
        const view = { x: box.x, y: box.y, w: box.width, h: box.height };
        function apply() { svg.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h); }
        function toSvg(x, y) { const p = svg.createSVGPoint(); p.x = x; p.y = y; return p.matrixTransform(svg.getScreenCTM().inverse()); }
        svg.addEventListener("wheel", e => {
          e.preventDefault();
          const k = e.deltaY > 0 ? 1.2 : 1 / 1.2, p = toSvg(e.clientX, e.clientY);
          view.x = p.x - (p.x - view.x) * k; view.y = p.y - (p.y - view.y) * k; view.w *= k; view.h *= k; apply();
        }, { passive: false });
        let drag = null, dragged = false;
        svg.addEventListener("pointerdown", e => { drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y }; dragged = false; });
        window.addEventListener("pointermove", e => {
          if (!drag) return;
          const a = toSvg(drag.x, drag.y), b = toSvg(e.clientX, e.clientY);
          if (Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) > 3) dragged = true;
          if (dragged) { view.x -= b.x - a.x; view.y -= b.y - a.y; apply(); drag.x = e.clientX; drag.y = e.clientY; }
        });
        window.addEventListener("pointerup", () => { drag = null; });

        function el(tag, attrs, ...children) {
          const node = document.createElement(tag);
          for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
          for (const c of children) node.append(c);
          return node;
        }
        function entityName(id) { const e = data.entities[id]; return e ? (e.en ? e.zh + " (" + e.en + ")" : e.zh) : id; }
        function pick(id) {
          for (const g of svg.querySelectorAll(".picked")) g.classList.remove("picked");
          const g = document.getElementById(id);
          if (g) g.classList.add("picked");
        }
        function centre(id) {
          const g = document.getElementById(id);
          if (!g) return;
          const r = g.getBoundingClientRect(), c = toSvg(r.left + r.width / 2, r.top + r.height / 2);
          // Zoom in to about one screen of drawing (1 unit a pixel) if the whole graph is shown.
          const k = Math.min(1, svg.clientWidth / view.w);
          view.w *= k; view.h *= k;
          view.x = c.x - view.w / 2; view.y = c.y - view.h / 2; apply();
        }
        function link(text, id) { const a = el("a", { "data-id": id }, text); a.addEventListener("click", () => show(id)); return a; }
        function showNode(id) {
          const e = data.entities[id];
          panel.replaceChildren(el("h2", {}, e.zh), el("p", { class: "meta" }, [e.en, e.type, e.pinyin].filter(x => x).join(" · ")));
          if (e.aliases.length) panel.append(el("p", { class: "meta" }, "aliases: " + e.aliases.join(", ")));
          const list = el("ul", { id: "node-triples" });
          for (const [tid, t] of Object.entries(data.triples)) {
            if (t.s !== id && t.o !== id) continue;
            list.append(el("li", {}, link(data.entities[t.s].zh, t.s), " ", link(t.p, tid), " ", link(data.entities[t.o].zh, t.o)));
          }
          panel.append(el("h3", {}, "Triples 关系 (" + list.children.length + ")"), list);
        }
        function showEdge(id) {
          const t = data.triples[id];
          panel.replaceChildren(el("h2", {}, entityName(t.s), " → ", t.p, " → ", entityName(t.o)),
            el("p", { class: "meta" }, "confidence " + t.confidence + (t.qualifiers ? " · " + t.qualifiers : "")));
          const list = el("div", { id: "evidence" });
          for (const ev of t.evidence) {
            const sentence = el("p", { class: "sentence" });
            for (const [text, role] of ev.sentence) sentence.append(role ? el("mark", { class: role }, text) : text);
            list.append(el("div", { class: "evidence" }, sentence,
              el("p", { class: "meta" }, (ev.title ? ev.title + " · " : "") + ev.document),
              el("p", { class: "meta" }, "rule " + ev.rule + " · confidence " + ev.confidence + (ev.qualifiers ? " · " + ev.qualifiers : ""))));
          }
          panel.append(el("h3", {}, "Evidence 证据 (" + t.evidence.length + ")"), list);
        }
        function show(id) {
          if (data.entities[id]) showNode(id); else if (data.triples[id]) showEdge(id); else return;
          pick(id);
          history.replaceState(null, "", "#" + (data.entities[id] ? "node=" : "edge=") + id);
        }
        for (const g of svg.querySelectorAll("g.node, g.edge")) {
          g.addEventListener("click", e => { if (dragged) return; e.stopPropagation(); show(g.id); });
        }

        const search = document.getElementById("search"), results = document.getElementById("results");
        function matches(q) {
          const lower = q.toLowerCase(), compact = lower.replace(/\s+/g, "");
          const found = [];
          for (const [id, e] of Object.entries(data.entities)) {
            if (e.zh.includes(q) || e.en.toLowerCase().includes(lower) || (compact && e.pinyin.includes(compact))
                || e.aliases.some(a => a.toLowerCase().includes(lower))) found.push(id);
          }
          return found.slice(0, 30);
        }
        function choose(id) { results.replaceChildren(); centre(id); show(id); }
        search.addEventListener("input", () => {
          results.replaceChildren();
          const q = search.value.trim();
          if (!q) return;
          for (const id of matches(q)) {
            const li = el("li", { "data-id": id }, entityName(id));
            li.addEventListener("click", () => choose(id));
            results.append(li);
          }
        });
        search.addEventListener("keydown", e => {
          if (e.key === "Enter" && results.firstChild) choose(results.firstChild.getAttribute("data-id"));
          if (e.key === "Escape") results.replaceChildren();
        });

        // #node=n5, #edge=e12 or #search=text open the page on that entity, edge or search: the
        // element is clicked as a user would, through its own click handler.
        const hash = decodeURIComponent(location.hash.slice(1));
        const [key, value] = hash.split("=");
        if ((key === "node" || key === "edge") && document.getElementById(value)) {
          const target = document.getElementById(value);
          if (key === "node") centre(value);
          target.dispatchEvent(new MouseEvent("click", { bubbles: true }));
        } else if (key === "search" && value) {
          search.value = value; search.dispatchEvent(new Event("input"));
          if (results.firstChild) results.firstChild.dispatchEvent(new MouseEvent("click", { bubbles: true }));
        }
        """#
}
