/// The entity type ids kg's own code names. `schema/types.tsv` defines the types; a test checks
/// that each id here is one of them, so a renamed type breaks the build's tests instead of
/// silently matching nothing.
public enum EntityTypeID {
    public static let organization = "Organization"
    public static let company = "Company"
    public static let university = "University"
    public static let researchInstitute = "ResearchInstitute"
    public static let governmentBody = "GovernmentBody"
    public static let association = "Association"
    public static let exchange = "Exchange"
    public static let platform = "Platform"
    public static let zone = "Zone"
    public static let place = "Place"
    public static let person = "Person"
    public static let industryCluster = "IndustryCluster"
    public static let industry = "Industry"
    public static let product = "Product"
    public static let title = "Title"
    public static let project = "Project"

    /// Every id above, for the test against `types.tsv`.
    public static let all = [
        organization, company, university, researchInstitute, governmentBody, association, exchange, platform, zone, place,
        person, industryCluster, industry, product, title, project,
    ]

    /// The pseudo-type of a post mention (无锡高新区党工委书记): not an entity type but a kind of
    /// mention that rules match (`{职务:Post}`) and lexicon rows declare.
    public static let post = "Post"
}
