// libFuzzer targets for kg's parsers, built only by scripts/fuzz.sh (`-sanitize=fuzzer,address`).
// SwiftPM gives an executable its own `main` (it renames the module's entry point and points
// `main` at it), so libFuzzer's `main` cannot be used; the top-level code below hands control to
// libFuzzer's driver instead, which parses libFuzzer's usual flags.
//
// One binary holds the four targets, chosen by KG_FUZZ_TARGET, so the script instruments and
// links the library modules once instead of four times on a machine with few cores:
//   rules    the rule parser, then the compiled pack's matcher on a sentence
//   lexicon  the lexicon reader, then the recogniser compiled from what it read
//   text     decode → clean → segment → extract (rules and relation model) on a document
//   pattern  the query pattern parser
// Every diagnostic is also rendered, since rendering cuts and escapes text from the input.
import KGExtract
import KGModel
import KGQuery
import KGText

#if canImport(Glibc)
    import Glibc
#endif

enum FuzzTarget: String {
    case rules, lexicon, text, pattern

    /// Read once: libFuzzer calls the entry point millions of times.
    static let current: FuzzTarget = {
        guard let name = getenv("KG_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            let message = "kg-fuzz: set KG_FUZZ_TARGET to rules, lexicon, text or pattern\n"
            _ = message.withCString { write(2, $0, strlen($0)) }
            exit(2)
        }
        return target
    }()
}

/// Built on first use and shared by every input (statics, not top-level variables: those of
/// main.swift are built at start-up, and the pattern target needs no extractor).
enum Shared {
    static let extractor = RuleExtractor(recognizer: Recognizer(), rules: .builtIn, model: RelationModel.builtIn)
    static let sentence = TextDocument.single("苏州工业园区引进了信达生物,信达生物在港股18A上市。")
}

func render(_ diagnostics: [Diagnostic]) {
    var total = 0
    for diagnostic in diagnostics { total &+= diagnostic.rendered.utf8.count }
    // Keeps the rendering from being optimised away.
    if total == Int.min { print(total) }
}

func fuzzRules(_ text: String) {
    let (rules, diagnostics) = RuleParser().parse(file: "fuzz.rules", text: text)
    render(diagnostics)
    guard !rules.isEmpty else { return }
    let pack = RulePack(sources: [(file: "fuzz.rules", text: text)])
    _ = RuleExtractor(recognizer: Shared.extractor.recognizer, rules: pack).extract(Shared.sentence)
}

func fuzzLexicon(_ text: String) {
    let (lexicon, diagnostics) = Lexicon.parse(text, file: "fuzz.tsv")
    render(diagnostics)
    _ = RuleExtractor(recognizer: Recognizer(lexicon: lexicon), rules: .builtIn).extract(Shared.sentence)
}

func fuzzText(_ bytes: [UInt8]) {
    // The first byte picks the markup, so one corpus covers plain text, Markdown and HTML.
    let path = ["fuzz.txt", "fuzz.md", "fuzz.html", "fuzz"][Int(bytes.first ?? 0) % 4]
    do {
        let document = try DocumentReader().read(bytes: Array(bytes.dropFirst()), path: path)
        render(document.notes)
        _ = Shared.extractor.extract(document)
    } catch {
        render([error])
    }
}

func fuzzPattern(_ text: String) {
    do {
        _ = try PatternParser(vocabulary: .builtIn).parse(text)
    } catch let diagnostic as Diagnostic {
        render([diagnostic])
    } catch {}
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    switch FuzzTarget.current {
    case .rules: fuzzRules(String(decoding: bytes, as: UTF8.self))
    case .lexicon: fuzzLexicon(String(decoding: bytes, as: UTF8.self))
    case .text: fuzzText(bytes)
    case .pattern: fuzzPattern(String(decoding: bytes, as: UTF8.self))
    }
    return 0
}

/// libFuzzer's driver (compiler-rt's FuzzerInterface.h): runs the fuzzing loop on `callback`
/// with libFuzzer's command line.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var arguments = CommandLine.argc
var argumentVector = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentVector, fuzzOne))
