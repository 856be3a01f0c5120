import ArgumentParser
import Foundation
import KGExtract
import KGModel
import KGText

/// `kg rules`: check rule files and run their inline examples.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Check rule files and run their inline examples.",
        subcommands: [Check.self, Test.self, Run.self])

    /// `kg rules check [DIR]`: every error in every file, compiler style.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every error in every .rules file (the built-in pack when no folder is given).")

        @Argument(help: "A folder of .rules files.")
        var directory: String?

        func run() throws {
            let pack = try loadPack(directory)
            for diagnostic in pack.diagnostics { Terminal.printError(diagnostic.rendered) }
            let errors = pack.diagnostics.filter { $0.severity == .error }.count
            let files = pack.files.count
            print("\(pack.rules.count) rules in \(files) file\(files == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s")")
            if errors > 0 { throw ExitCode(ExitStatus.failure) }
        }
    }

    /// `kg rules test [DIR]`: runs every inline example.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the inline examples of the rules (the built-in pack when no folder is given).",
            discussion: "Exit status: 0 when every example passes, 1 when one fails, 2 when a rule file has errors.")

        @Argument(help: "A folder of .rules files.")
        var directory: String?

        func run() throws {
            let pack = try loadPack(directory)
            if pack.hasErrors {
                for diagnostic in pack.diagnostics { Terminal.printError(diagnostic.rendered) }
                throw ExitCode(ExitStatus.failure)
            }
            let (count, failures) = RuleTester(pack: pack, recognizer: defaultRecognizer()).run()
            for failure in failures { print(failure.description + "\n") }
            print("\(count) examples, \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode(ExitStatus.partial) }
        }
    }
}

extension RulesCommand {
    /// `kg rules run FILE`: each line of a file as one sentence, triples out as TSV, for measuring
    /// a pack on labelled sentences without building a store.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract from each line of a text file and print line, subject, predicate, object, rule as TSV (labels and aliases joined by |).")

        @Argument(help: "A UTF-8 file with one sentence a line.")
        var file: String

        @OptionGroup var extraction: ExtractionOptions

        func run() throws {
            // Bounded like every document read whole: `kg rules run /dev/zero` must end.
            let text: String
            switch InputFiles.readDocument(file) {
            case .failure(let error) where error.code == EFBIG:
                Terminal.report(Diagnostic(.inputTooLarge, "input is \(error.reason); read stopped there", at: SourceLocation(file: file)))
                throw ExitCode(ExitStatus.failure)
            case .success(let bytes):
                if let decoded = String(validating: bytes, as: UTF8.self) {
                    text = decoded
                    break
                }
                fallthrough
            default:
                Terminal.printError(Diagnostic(.inputUnreadable, "cannot read \(file) as UTF-8 text").rendered)
                throw ExitCode(ExitStatus.failure)
            }
            let extractor = try reportingDiagnostics {
                try extraction.makeExtractor()
            }
            let lines = text.textLines().map(String.init)
            let started = Date()
            var output = ""
            for (number, line) in lines.enumerated() where !line.isEmpty {
                for e in extractor.extract(TextDocument.single(line)).extractions {
                    let qualifiers = e.qualifiers.map(\.description).joined(separator: " ")
                    let subject = ([e.subject.labelZh] + e.subject.aliases).joined(separator: "|")
                    let object = ([e.object.labelZh] + e.object.aliases).joined(separator: "|")
                    output += "\(number + 1)\t\(subject)\t\(e.predicate)\t\(object)\t\(e.ruleID)\t\(qualifiers)\n"
                }
            }
            let seconds = Date().timeIntervalSince(started)
            print(output, terminator: "")
            Terminal.printError("\(lines.count) lines in \(String(format: "%.2f", seconds)) s: \(Int(Double(lines.count) / max(seconds, 1e-9))) sentences/s")
        }
    }
}

/// `kg explain "一句话"`: what the recogniser and the rules make of one sentence.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show the mentions, the names the gate turned away, the rules that fired or nearly fired and the relation model's judgements on a sentence.",
        discussion: """
            For each sentence: every mention with its type, source and entity; each candidate name the name gate turned away and why (a suffix name such as 基础设施投资 made only of common words, a name the model's tagger read that splits a word); the rules whose trigger occurs, those that fired with their triples, and where the others stopped; then every pair of names the relation model judged.

            Examples:
              kg explain "星河科技与蓝山制药签署战略合作协议"
              kg explain --file news/a.txt 董事长
              kg explain --words "山东籍公司成功登陆创业板"
            """)

    @Argument(help: "The sentence (or, with --file, only sentences containing this text).")
    var sentence: String?

    @Option(help: "Explain the sentences of this document instead, with discourse across them (- reads standard input).")
    var file: String?

    @Flag(help: "Also print the sentence's words with their parts of speech (公司/n), the segmentation the name gate reads.")
    var words = false

    @OptionGroup var extraction: ExtractionOptions

    func run() throws {
        let extractor = try reportingDiagnostics {
            try extraction.makeExtractor()
        }
        let document: TextDocument
        if let file {
            document = try reportingDiagnostics { try DocumentReader().read(path: file) }
        } else if let sentence {
            document = TextDocument.single(sentence)
        } else {
            throw ValidationError("give a sentence, or --file with a document")
        }
        // Sentences and names come from the document, which anyone may have written: each line
        // goes out terminal-safe, as tables do.
        func show(_ text: String) {
            print(text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escaped(String($0)) }.joined(separator: "\n"))
        }
        let scalars = Array(document.original.unicodeScalars)
        func text(_ span: TextSpan) -> String {
            String(String.UnicodeScalarView(scalars[max(0, span.start)..<min(span.end, scalars.count)]))
        }
        for (annotated, match, judgements) in extractor.explain(document) {
            if file != nil {
                if let sentence, !annotated.sentence.text.contains(sentence) { continue }
                show("\n== sentence \(annotated.sentence.index) \(annotated.sentence.span): \(annotated.sentence.text)")
            }
            if words {
                let scalars = annotated.normalized
                let list = annotated.words.words.map { word in
                    String(String.UnicodeScalarView(scalars[word.range])) + "/" + word.pos.rawValue
                }
                show("words: " + list.joined(separator: " "))
            }
            show("mentions:")
            if annotated.mentions.isEmpty { show("  (none)") }
            for mention in annotated.mentions {
                var line = "  \(mention.span)  \(text(mention.span))  \(mention.type)  \(mention.source.rawValue)"
                if let entity = mention.entity { line += "  → \(entity.labelZh) [\(entity.key)]" }
                if let role = mention.role { line += "  role=\(role)" }
                show(line)
            }
            if !annotated.rejectedNames.isEmpty {
                show("names the gate turned away:")
                for rejected in annotated.rejectedNames {
                    show("  \(rejected.span)  \(text(rejected.span))  (\(rejected.source)): \(rejected.reason)")
                }
            }
            if let topic = annotated.incomingTopic { show("topic carried in: \(topic.labelZh) [\(topic.key)]") }
            show("rules tried (trigger found): " + (match.tried.isEmpty ? "none" : match.tried.joined(separator: ", ")))
            show("fired:")
            if match.matches.isEmpty { show("  (none)") }
            for fired in match.matches {
                let rule = extractor.rules.rule(fired.ruleID)
                var line = "  \(fired.ruleID) \(fired.span) “\(text(fired.span))” trigger “\(text(fired.trigger))”"
                if let rule { line += "  (\(rule.location), v\(rule.version.prefix(8)))" }
                if let winner = fired.overriddenBy { line += "  DROPPED: overlaps \(winner)" }
                show(line)
                for extraction in fired.extractions {
                    let qualifiers = extraction.qualifiers.map(\.description).joined(separator: " ")
                    show("    \(extraction.subject.labelZh) \(extraction.predicate) \(extraction.object.labelZh) \(qualifiers)")
                }
            }
            show("near misses:")
            if match.nearMisses.isEmpty { show("  (none)") }
            for miss in match.nearMisses {
                show("  \(miss.ruleID): failed at element \(miss.element + 1) \(miss.elementText) (offset \(miss.offset)): \(miss.reason)")
            }
            guard let model = extractor.model else { continue }
            show("relation model (\(RelationModel.ruleID), v\(model.version), threshold \(model.classifier.threshold)):")
            if judgements.isEmpty { show("  (no pair of names)") }
            for judgement in judgements {
                var line = "  “\(text(judgement.first))” “\(text(judgement.second))”  \(judgement.label) p=\(String(format: "%.3f", judgement.probability))"
                if let extraction = judgement.extraction {
                    line += "  → \(extraction.subject.labelZh) \(extraction.predicate) \(extraction.object.labelZh)"
                } else if let note = judgement.note {
                    line += "  (\(note))"
                }
                show(line)
            }
        }
    }
}

/// The recogniser the CLI's rule commands use.
func defaultRecognizer() -> any MentionRecognizer {
    Recognizer()
}

/// The pack of one folder, or the built-in pack when no folder is given; a missing folder is an
/// error printed as a diagnostic.
private func loadPack(_ directory: String?) throws -> RulePack {
    guard let directory else { return RulePack.builtIn }
    do {
        return RulePack(sources: try RulePack.files(in: directory))
    } catch let diagnostic as Diagnostic {
        Terminal.printError(diagnostic.rendered)
        throw ExitCode(ExitStatus.failure)
    }
}

