/// Every code a `Diagnostic` can carry, with its one meaning: the catalog users look codes up in.
///
/// Codes are stable: users' notes and scripts name them, so a code keeps its meaning, and a new
/// meaning gets a new code rather than sharing one (the raw values must be unique, which the
/// compiler checks). Areas: `I0xx` input files, `R0xx` rule, vocabulary, lexicon and model
/// files, `S0xx` the store, `E0xx` exports, `Q0xx` queries.
public enum DiagnosticCode: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    // MARK: Input files

    /// An input path does not exist.
    case inputNotFound = "I001"
    /// An input file or folder exists but cannot be read.
    case inputUnreadable = "I002"
    /// A folder holds no text files (warning).
    case folderWithoutText = "I003"
    /// A binary file among the inputs was skipped (warning).
    case binaryInputSkipped = "I004"
    /// A file is neither valid UTF-8 nor valid GB18030.
    case undecodableText = "I005"
    /// An input file is empty (warning).
    case emptyInput = "I006"
    /// A file was decoded as GB18030 rather than UTF-8 (note).
    case decodedAsGB18030 = "I007"
    /// The inputs of a build held no text file at all, so nothing was built.
    case noTextInputs = "I008"
    /// A FIFO, device or socket inside an input folder was skipped (warning).
    case specialFileSkipped = "I009"
    /// An input (a stream, or a file read whole) is larger than kg reads as one document.
    case inputTooLarge = "I010"
    /// NUL bytes inside a text file were removed before offsets were taken (warning).
    case nulBytesRemoved = "I011"

    // MARK: Rule files

    /// A line starts with a word that is no directive.
    case unknownDirective = "R001"
    /// A predicate is not in the vocabulary.
    case unknownPredicate = "R002"
    /// An entity type is not in the vocabulary.
    case unknownEntityType = "R003"
    /// A rule has no `match` line.
    case ruleWithoutMatch = "R004"
    /// A rule has no `emit` line.
    case ruleWithoutEmit = "R005"
    /// A slot reference names no (suitable) slot of the rule.
    case unknownSlot = "R006"
    /// A `match` pattern is malformed: an unclosed bracket, an empty alternative, a bad slot.
    case patternSyntax = "R007"
    /// A number is malformed or out of range (priority, confidence, span length).
    case badNumber = "R008"
    /// Two rules have the same id.
    case duplicateRuleID = "R009"
    /// A rule has nothing to trigger on (no literal text, no slot without `topic`).
    case ruleWithoutTrigger = "R010"
    /// An `example` or `nothing` line is malformed.
    case exampleSyntax = "R011"
    /// A directive appears before any `rule ID` line.
    case directiveOutsideRule = "R012"
    /// Two slots of one rule have the same name.
    case duplicateSlotName = "R013"
    /// An option or directive value is unknown, or does not apply where it is written.
    case badOption = "R014"
    /// A rule has no `example` line.
    case ruleWithoutExample = "R015"
    /// A slot's type lies outside the domain or range of the predicate it is emitted with.
    case slotTypeOutsidePredicate = "R016"
    /// A `rule` line does not give exactly one id.
    case ruleIDSyntax = "R017"
    /// A rule has more than one `match` line.
    case duplicateMatch = "R018"
    /// An `also` line holds something other than slots.
    case alsoSyntax = "R019"
    /// An `emit` line is not `emit SUBJECT predicate OBJECT [key=value…]`.
    case emitSyntax = "R022"
    /// A qualifier is not written `key=value`.
    case qualifierSyntax = "R023"
    /// A Post slot also names other types.
    case postSlotWithOtherTypes = "R024"
    /// A rules folder does not exist.
    case rulesFolderNotFound = "R030"
    /// A `.rules` file cannot be read as UTF-8 text.
    case ruleFileUnreadable = "R031"

    // MARK: Vocabulary files

    /// A row of `types.tsv` has too few columns.
    case typeRowColumns = "R020"
    /// A row of `predicates.tsv` has too few columns.
    case predicateRowColumns = "R021"

    // MARK: Lexicon files

    /// A lexicon file cannot be read.
    case lexiconUnreadable = "R050"
    /// A lexicon row has the wrong number of columns.
    case lexiconRowColumns = "R051"
    /// A lexicon row has no surface form.
    case lexiconRowWithoutSurface = "R052"
    /// A lexicon row's id is empty or has spaces.
    case lexiconBadID = "R053"
    /// A lexicon row's type is not in the vocabulary.
    case lexiconUnknownType = "R054"
    /// A lexicon id is used again with another type.
    case lexiconIDTypeConflict = "R055"
    /// A lexicon entry names a parent no lexicon has (warning).
    case lexiconUnknownParent = "R056"
    /// A word list line (schema/lexicon/words/) is not a word with optional tags, or repeats a word.
    case wordListLine = "R057"

    // MARK: Model files

    /// A weight row has the wrong number of cells.
    case weightRowColumns = "R070"
    /// A weight is not an integer.
    case weightNotInteger = "R071"
    /// A model file's setting row is missing or malformed, or its rows disagree.
    case modelMissingRow = "R072"

    // MARK: The store

    /// The folder of the store's path does not exist.
    case storeFolderNotFound = "S001"
    /// The file is not a SQLite database.
    case notSQLite = "S002"
    /// Another kg process holds the store's lock.
    case storeLocked = "S003"
    /// The store's schema version is not the one this kg writes (newer, or not migrated).
    case schemaVersionMismatch = "S004"
    /// No store exists at the path.
    case storeNotFound = "S005"
    /// The path cannot be opened as a store (a folder, no permission).
    case storeUnopenable = "S006"
    /// The store is damaged.
    case storeDamaged = "S007"
    /// The store is read-only.
    case storeReadOnly = "S008"
    /// The disk holding the store is full.
    case diskFull = "S009"
    /// A write names a type or predicate the store's vocabulary lacks.
    case unknownVocabularyInWrite = "S010"
    /// A write refers to a sentence the document does not have.
    case missingSentence = "S011"
    /// A write that needs a transaction ran outside one.
    case outsideTransaction = "S012"
    /// A SQLite database that is not a kg store.
    case notAKGStore = "S013"
    /// A merged document's content differs between stores; the later one is kept (warning).
    case mergeConflict = "S014"
    /// A store cannot be merged into itself.
    case mergeIntoItself = "S015"
    /// A file cannot be stored: its path as given and its resolved path both name other stored
    /// documents.
    case documentPathTaken = "S016"
    /// A path given to `kg remove` or `kg status` matches no stored document.
    case noStoredDocument = "S017"
    /// `kg build --prune` was given a path that no longer exists; its stored documents were
    /// pruned (note).
    case prunedMissingInput = "S018"
    /// SQLite reported an error kg has no more specific code for.
    case sqliteError = "S020"

    // MARK: Exports

    /// An export file cannot be written.
    case exportUnwritable = "E001"
    /// The JSON-LD context is not a JSON object.
    case contextNotObject = "E002"
    /// An export file or folder cannot be created.
    case exportUncreatable = "E003"
    /// An output path names the graph store or one of its SQLite files (`-wal`, `-shm`).
    case outputIsStore = "E004"
    /// The focus entity of an export is not in the store.
    case focusNotFound = "E010"
    /// An export filter names an unknown predicate.
    case exportUnknownPredicate = "E011"
    /// An export filter names an unknown entity type.
    case exportUnknownType = "E012"
    /// An export filter names a document that is not in the store.
    case documentNotFound = "E013"
    /// Graphviz (or the layout asked for) is not installed.
    case graphvizMissing = "E020"
    /// Graphviz did not finish in time and was stopped.
    case graphvizTimeout = "E021"
    /// Graphviz failed.
    case graphvizFailed = "E022"

    // MARK: Queries

    /// The query pattern is empty.
    case emptyPattern = "Q001"
    /// The query pattern is malformed.
    case querySyntax = "Q002"
    /// A query names an unknown predicate.
    case queryUnknownPredicate = "Q003"
    /// A query names an unknown entity type.
    case queryUnknownType = "Q004"
    /// A quote in the pattern is never closed.
    case unclosedQuote = "Q005"
    /// A variable is used both as a predicate and as an entity.
    case variableRoleConflict = "Q006"
    /// The pattern has no variable to list.
    case noVariable = "Q007"
    /// The pattern has more triple patterns (or joins) than a query may hold.
    case patternTooLarge = "Q008"
    /// The query ran out of time (`--timeout`) and was stopped.
    case queryTimedOut = "Q009"
    /// A name matches several entities.
    case ambiguousName = "Q010"
    /// No entity has the name.
    case unknownName = "Q011"
    /// `--depth` is out of range.
    case depthOutOfRange = "Q020"
    /// `--max-depth` is out of range.
    case maxDepthOutOfRange = "Q021"

    /// The code as printed, e.g. `R003`.
    public var description: String { rawValue }
}
