/// A count and its noun, singular for one: "1 document", "2 documents", "0 entities".
///
/// Summaries are read by people; "1 documents written" looks like a bug even when it is not.
/// The plural is given, not derived, because English plurals are not all "+s" (entity, entities).
public func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
}
