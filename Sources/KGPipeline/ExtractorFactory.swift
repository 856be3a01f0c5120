import KGExtract
import KGModel

/// Builds the extractor `kg` itself uses, so that a library user gets the same pipeline: the
/// built-in lexicon, rule pack and relation model, plus the caller's own rules and lexicons.
///
///     let extractor = try ExtractorFactory.make(ruleFolders: ["my-rules"])
///     let builder = Builder(extractor: extractor)
public enum ExtractorFactory {
    /// Loads the `.rules` files of `ruleFolders` (after the built-in pack) and the lexicon TSV
    /// `lexiconFiles` (merged into the built-in lexicon); `model` runs the built-in relation model
    /// after the rules. Every problem in the user's files is thrown at once, as a
    /// `DiagnosticList`, so one run shows them all.
    public static func make(ruleFolders: [String] = [], lexiconFiles: [String] = [], model: Bool = true) throws -> RuleExtractor {
        var lexicon = Lexicon.builtIn
        var problems = DiagnosticList()
        for file in lexiconFiles {
            do {
                lexicon.merge(try Lexicon.load(file: file))
            } catch {
                try problems.absorb(error)
            }
        }
        var pack = RulePack.builtIn
        do {
            pack = try RulePack.load(directories: ruleFolders)
        } catch {
            try problems.absorb(error)
        }
        if problems.hasErrors { throw problems }
        return RuleExtractor(recognizer: Recognizer(lexicon: lexicon), rules: pack, model: model ? RelationModel.builtIn : nil)
    }
}
