import KGExtract
import KGModel

/// Builds the extractor `kg` itself uses, so that a library user gets the same pipeline: the
/// built-in lexicon, rule pack and relation model, plus the caller's own rules and lexicons.
///
///     let extractor = try ExtractorFactory.make(ruleFolders: ["my-rules"])
///     let builder = Builder(extractor: extractor)
public enum ExtractorFactory {
    /// Loads the `.rules` files of `ruleFolders` (after the built-in pack unless
    /// `builtInRules` is false) and the lexicon TSV `lexiconFiles` (merged into the built-in
    /// lexicon); `model` runs the built-in relation model after the rules. Every problem in the
    /// user's files is thrown at once, as a `DiagnosticList`, so one run shows them all.
    public static func make(
        ruleFolders: [String] = [], lexiconFiles: [String] = [], model: Bool = true, builtInRules: Bool = true
    ) throws -> RuleExtractor {
        try makeWithFingerprint(ruleFolders: ruleFolders, lexiconFiles: lexiconFiles, model: model, builtInRules: builtInRules)
            .extractor
    }

    /// `make`, and the fingerprint of what it made: the builder records it with each document so
    /// that a change of rules, lexicon or model re-extracts documents whose text did not change.
    public static func makeWithFingerprint(
        ruleFolders: [String] = [], lexiconFiles: [String] = [], model: Bool = true, builtInRules: Bool = true
    ) throws -> (extractor: RuleExtractor, fingerprint: ExtractorFingerprint) {
        var lexicon = Lexicon.builtIn
        var problems = DiagnosticList()
        for file in lexiconFiles {
            do {
                lexicon.merge(try Lexicon.load(file: file))
            } catch {
                try problems.absorb(error)
            }
        }
        // The built-in pack alone is parsed once per process (`RulePack.builtIn`); parsing it
        // again through `load` cost as much as every other start-up step but the model.
        var pack = RulePack.builtIn
        if !ruleFolders.isEmpty || !builtInRules {
            do {
                pack = try RulePack.load(directories: ruleFolders, includeBuiltIn: builtInRules)
            } catch {
                try problems.absorb(error)
            }
        }
        if problems.hasErrors { throw problems }
        let relationModel = model ? RelationModel.builtIn : nil
        let extractor = RuleExtractor(recognizer: Recognizer(lexicon: lexicon), rules: pack, model: relationModel)
        let fingerprint = ExtractorFingerprint(rules: pack, builtInRules: builtInRules, lexicon: lexicon, model: relationModel)
        return (extractor, fingerprint)
    }
}
