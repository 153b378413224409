import ApolloIOClient
import Foundation
import ProspectorServices
import Vapor

/// `prospector search --domains a.com,b.com --titles "VP Sales,CTO" [--seniorities …] [--locations …] [--max-pages N]
/// --out leads.csv`: Apollo's free people search, page by page (100 a page), into a CSV.
struct SearchLeadsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "domains", help: "comma-separated organization domains") var domains: String?
        @Option(name: "titles", help: "comma-separated job titles") var titles: String?
        @Option(name: "seniorities", help: "comma-separated seniorities (owner, founder, c_suite, vp, director, manager…)") var seniorities: String?
        @Option(name: "locations", help: "comma-separated locations") var locations: String?
        @Option(name: "keywords", help: "keywords") var keywords: String?
        @Option(name: "max-pages", help: "pages of 100 to read at most (default 5; Apollo stops at 500)") var maxPages: Int?
        @Option(name: "out", help: "where the leads CSV goes") var output: String?
    }

    var help: String { "Searches people (free) into a CSV of leads (docs/cli.md)." }

    static let columns = ["apollo_id", "first_name", "last_name_obfuscated", "title", "organization", "has_email", "has_direct_phone"]

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let output = signature.output else { throw ListFileError.usage("--out is required") }
        func list(_ text: String?) -> [String]? {
            let items = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return items.isEmpty ? nil : items
        }
        let domains = list(signature.domains)
        if let bad = domains?.first(where: { !DomainName.isPlain(DomainName.normalize($0)) }) {
            throw ListFileError.usage("--domains: \(bad) is not a domain")
        }
        let maxPages = signature.maxPages ?? 5
        guard (1...500).contains(maxPages) else { throw ListFileError.usage("--max-pages must be from 1 to 500") }
        var search = LeadSearch(
            domains: domains, titles: list(signature.titles), seniorities: list(signature.seniorities), locations: list(signature.locations),
            keywords: signature.keywords, page: 1, perPage: 100)
        guard search.domains != nil || search.titles != nil || search.seniorities != nil || search.locations != nil || search.keywords != nil else {
            throw ListFileError.usage("give at least one of --domains, --titles, --seniorities, --locations, --keywords")
        }
        let booted = try await Boot.start(context.application, as: .apolloCommand)
        do {
            let leads = try booted.services.leads
            let out = try AppendedFile(path: output, keeping: 0)
            try out.append(try CSVTable.encode([Self.columns]))
            var found = 0
            var progress: ListProgress?
            while search.page <= maxPages {
                let page = try await leads.search(search)
                try out.append(try CSVTable.encode(page.people.map(Self.row)))
                found += page.people.count
                let pages = min(maxPages, page.totalPages ?? search.page)
                if progress == nil { progress = ListProgress(total: min(page.totalEntries ?? found, pages * 100)) }
                progress?.show(done: found, credits: 0, remainingSeconds: 0)
                guard page.people.count == search.perPage, search.page < pages else { break }
                search.page += 1
            }
            _ = try out.sync()
            try out.close()
            print("\(found) leads into \(output)")
        } catch {
            await booted.shutdown()
            throw error
        }
        await booted.shutdown()
    }

    static func text(_ availability: DirectPhoneAvailability?) -> String {
        switch availability {
        case .yes: "yes"
        case .no: "no"
        case .maybe: "maybe"
        case nil: ""
        }
    }

    static func row(_ person: PersonSearchResult) -> [String] {
        [
            person.id, person.firstName ?? "", person.lastNameObfuscated ?? "", person.title ?? "", person.organization?.name ?? "",
            person.hasEmail.map { $0 ? "yes" : "no" } ?? "", Self.text(person.hasDirectPhone),
        ]
    }
}
