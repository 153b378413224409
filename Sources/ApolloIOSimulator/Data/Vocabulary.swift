/// Word lists the synthetic data is drawn from.
enum Vocabulary {
    static let firstNames = [
        "Ada", "Alan", "Amara", "Ben", "Carla", "Chen", "Dana", "David", "Elena", "Emeka", "Fatima", "Felix", "Grace",
        "Hana", "Hugo", "Ines", "Ivan", "Jonas", "Julia", "Kai", "Keiko", "Lars", "Leila", "Liam", "Lucia", "Marco",
        "Maya", "Mei", "Nadia", "Noah", "Olga", "Omar", "Priya", "Quinn", "Rafael", "Rosa", "Sami", "Sara", "Tariq",
        "Tomas", "Uma", "Victor", "Wen", "Xavier", "Yara", "Yusuf", "Zoe", "Anika", "Bruno", "Clara",
    ]
    static let lastNames = [
        "Abbott", "Becker", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kowalski",
        "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quist", "Rossi", "Schmidt", "Tanaka", "Urban", "Vargas",
        "Weber", "Xu", "Yilmaz", "Zimmer", "Almeida", "Brennan", "Costa", "Delgado", "Novak", "Hughes", "Silva", "Kim",
    ]
    static let seniorityTitles: [(seniority: String, titles: [String])] = [
        ("owner", ["Owner"]), ("founder", ["Founder", "Co-Founder"]), ("c_suite", ["CEO", "CTO", "CFO", "COO", "Chief Revenue Officer"]),
        ("partner", ["Partner"]), ("vp", ["VP of Sales", "VP of Marketing", "VP of Engineering", "VP Operations"]),
        ("head", ["Head of Sales", "Head of Growth", "Head of Product"]),
        ("director", ["Director of Sales", "Marketing Director", "Engineering Director", "Director of Finance"]),
        ("manager", ["Sales Manager", "Marketing Manager", "Engineering Manager", "Product Manager", "Account Manager"]),
        ("senior", ["Senior Account Executive", "Senior Software Engineer", "Senior Analyst"]),
        ("entry", ["Account Executive", "Software Engineer", "Sales Development Representative", "Analyst"]),
        ("intern", ["Sales Intern", "Marketing Intern"]),
    ]
    static let departmentsByKeyword: [(keyword: String, department: String)] = [
        ("Sales", "master_sales"), ("Account", "master_sales"), ("Revenue", "master_sales"), ("Marketing", "master_marketing"),
        ("Growth", "master_marketing"), ("Engineer", "master_engineering_technical"), ("CTO", "master_engineering_technical"),
        ("Product", "master_product_management"), ("Finance", "master_finance"), ("CFO", "master_finance"),
        ("Analyst", "master_finance"), ("Operations", "master_operations"), ("COO", "master_operations"),
    ]
    static let locations: [(city: String, state: String, country: String)] = [
        ("San Francisco", "California", "United States"), ("New York", "New York", "United States"),
        ("Austin", "Texas", "United States"), ("Chicago", "Illinois", "United States"), ("Boston", "Massachusetts", "United States"),
        ("Seattle", "Washington", "United States"), ("Toronto", "Ontario", "Canada"), ("London", "England", "United Kingdom"),
        ("Berlin", "Berlin", "Germany"), ("Paris", "Ile-de-France", "France"), ("Amsterdam", "North Holland", "Netherlands"),
        ("Madrid", "Madrid", "Spain"), ("Stockholm", "Stockholm", "Sweden"), ("Tokyo", "Tokyo", "Japan"),
        ("Singapore", "Singapore", "Singapore"), ("Sydney", "New South Wales", "Australia"), ("Bangalore", "Karnataka", "India"),
        ("Sao Paulo", "Sao Paulo", "Brazil"),
    ]
    static let companyPrefixes = [
        "Acme", "Blue", "Bright", "Cedar", "Clear", "Copper", "Delta", "Echo", "Ever", "Falcon", "Green", "Harbor", "Iron",
        "Jade", "Keystone", "Lumen", "Maple", "Nimbus", "North", "Oak", "Orbit", "Pine", "Quartz", "Red", "Silver", "Summit",
        "Terra", "True", "Vector", "Vista", "Wave", "Zen",
    ]
    static let companyNouns = [
        "Analytics", "Bridge", "Cloud", "Data", "Dynamics", "Forge", "Health", "Labs", "Logic", "Logistics", "Media",
        "Networks", "Pay", "Robotics", "Security", "Signal", "Software", "Systems", "Works", "Energy",
    ]
    static let industries = [
        "information technology & services", "computer software", "financial services", "hospital & health care",
        "marketing & advertising", "logistics & supply chain", "renewables & environment", "retail", "education management",
        "telecommunications",
    ]
    static let keywords = ["saas", "b2b", "ai", "fintech", "payments", "analytics", "security", "cloud", "ecommerce", "devops"]
    static let contactStages = [
        ("New", "in_progress"), ("Approaching", "in_progress"), ("Replied", "in_progress"), ("Interested", "succeeded"),
        ("Not Interested", "failed"), ("Unresponsive", "in_progress"), ("Do Not Contact", "failed"), ("Bad Contact Info", "failed"),
    ]
    static let accountStages = [("Cold", "in_progress"), ("Prospecting", "in_progress"), ("Customer", "succeeded"), ("Churned", "failed")]
    static let opportunityStages: [(name: String, probability: Int, won: Bool, closed: Bool)] = [
        ("Qualify", 10, false, false), ("Meeting Booked", 20, false, false), ("Demo", 40, false, false),
        ("Proposal", 60, false, false), ("Negotiation", 80, false, false), ("Closed Won", 100, true, true), ("Closed Lost", 0, false, true),
    ]
    static let sequenceNames = [
        "Outbound - VP Sales", "Inbound follow-up", "Event attendees", "Re-engage churned", "Founders intro",
        "Product launch", "Trial nurture", "Enterprise ABM", "Partner outreach", "Webinar follow-up",
    ]
}
