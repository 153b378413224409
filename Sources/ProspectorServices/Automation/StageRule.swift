import Foundation

/// What happens when a deal enters a stage (from `STAGE_RULES`, a JSON array).
public struct StageRule: Codable, Sendable, Equatable {
    /// Apollo's id of the stage the deal enters.
    public var stageId: String
    public var tasks: [TaskSpec]
    /// Add the deal's contacts to a sequence, or take them out.
    public var sequence: SequenceAction?

    public init(stageId: String, tasks: [TaskSpec], sequence: SequenceAction? = nil) {
        self.stageId = stageId
        self.tasks = tasks
        self.sequence = sequence
    }

    private enum CodingKeys: String, CodingKey { case stageId, tasks, sequence }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stageId = try container.decode(String.self, forKey: .stageId)
        tasks = try container.decodeIfPresent([TaskSpec].self, forKey: .tasks) ?? []
        sequence = try container.decodeIfPresent(SequenceAction.self, forKey: .sequence)
    }

    /// A sequence step of a rule: `add` (paused unless `active`; the email account sends) or `remove`/`stop`.
    public struct SequenceAction: Codable, Sendable, Equatable {
        public var id: String
        public var action: String
        public var emailAccountId: String?
        public var active: Bool?

        public init(id: String, action: String, emailAccountId: String? = nil, active: Bool? = nil) {
            self.id = id
            self.action = action
            self.emailAccountId = emailAccountId
            self.active = active
        }
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
            if let sequence = rule.sequence {
                guard ["add", "remove", "stop"].contains(sequence.action) else {
                    throw StageRuleError.invalid("rule \(index): sequence action \"\(sequence.action)\" is not add, remove or stop")
                }
                if sequence.action == "add", sequence.emailAccountId == nil {
                    throw StageRuleError.invalid("rule \(index): adding to a sequence needs emailAccountId")
                }
            }
            for task in rule.tasks where !TaskService.types.contains(task.type) {
                throw StageRuleError.invalid(
                    "rule \(index): task type \"\(task.type)\" is not one of \(TaskService.types.sorted().joined(separator: ", "))")
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
