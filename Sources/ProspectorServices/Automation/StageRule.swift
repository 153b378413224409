import Foundation

/// What happens when a deal enters a stage (from `STAGE_RULES`, a JSON array).
public struct StageRule: Codable, Sendable, Equatable {
    /// Apollo's id of the stage the deal enters.
    public var stageId: String
    public var tasks: [TaskSpec]

    public init(stageId: String, tasks: [TaskSpec]) {
        self.stageId = stageId
        self.tasks = tasks
    }

    /// One task per contact of the deal.
    public struct TaskSpec: Codable, Sendable, Equatable {
        /// An Apollo task type (`call`, `action_item`, …).
        public var type: String
        public var title: String?
        public var note: String?
        /// Days from the stage change to the due date.
        public var dueInDays: Double
        /// `owner` (the deal's owner) or an Apollo user id.
        public var assignee: String

        public init(type: String, title: String?, note: String?, dueInDays: Double, assignee: String) {
            self.type = type
            self.title = title
            self.note = note
            self.dueInDays = dueInDays
            self.assignee = assignee
        }
    }

    /// Reads and checks the rules; the error names what is wrong.
    public static func parse(_ json: String) throws -> [StageRule] {
        let rules = try JSONDecoder().decode([StageRule].self, from: Data(json.utf8))
        for (index, rule) in rules.enumerated() {
            for task in rule.tasks where !TaskService.types.contains(task.type) {
                throw StageRuleError.invalid("rule \(index): task type \"\(task.type)\" is not one of \(TaskService.types.sorted().joined(separator: ", "))")
            }
        }
        return rules
    }
}

public enum StageRuleError: Error, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let message): message
        }
    }
}
