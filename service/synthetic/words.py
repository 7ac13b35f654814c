"""The invented names and the plain, strengths-based wording of generated records.

Short pools, reused: the data set is for load and for trying the service, not for reading
every record. No real person or place is described.
"""

GIVEN_NAMES = (
    "Adaeze", "Amara", "Ana", "Bilal", "Chen", "Dara", "Dilnoza", "Eldar", "Emi", "Fatou",
    "Femi", "Gia", "Goran", "Hana", "Hue", "Ines", "Jonas", "Kiri", "Lamin", "Lina", "Mira",
    "Nuno", "Oksana", "Pita", "Qamar", "Rafa", "Sina", "Tomas", "Uma", "Vlad", "Wen",
    "Xiadani", "Yaw", "Zainab", "Aziz", "Bora", "Cleo", "Davit", "Esi", "Farah", "Ilir",
    "Joon", "Kofi", "Leyla", "Marek", "Nadia", "Omar", "Priya", "Rosa", "Samir", "Tala",
    "Viktor", "Yara", "Zeno",
)
INITIALS = "ABCDEFGHIJKLMNOPRSTVWYZ"
LANGUAGES = ("ro", "vi", "sq", "ar", "es", "pt", "uk", "ru", "am", "ti", "ku", "fa", "ur",
             "zh", "bg", "wo", "fr", "en", "yo", "ig", "sk", "lt", "ps", "uz")

STREETS = ("Alder Close", "Birch Way", "Cedar Row", "Damson Lane", "Elder Court", "Fir Grove",
           "Hazel Walk", "Juniper Road", "Larch Street", "Maple Mews", "Rowan Place", "Willow Yard")
DISTRICTS = ("north", "south", "east", "west", "central", "riverside")

# The first placement is where the child was taken in; later ones by age band.
FIRST_KINDS = {"infant": ("hospital", "foster", "foster"), "child": ("foster", "shelter", "kinship"),
               "teen": ("shelter", "residential", "foster")}
LATER_KINDS = {"infant": ("foster", "foster", "kinship"), "child": ("foster", "kinship", "residential"),
               "teen": ("foster", "residential", "independent", "other")}
MOVE_REASONS = {
    True: ("Move to a long-term foster family, planned with the child",
           "Step down from residential care to a family setting",
           "Move closer to school and to a sibling",
           "Move to supported lodgings, as the child asked"),
    False: ("Placement ended at short notice by the provider",
            "Emergency move after concerns about contact from unknown adults",
            "Carer taken ill; emergency respite placement"),
}

VISIT_NOTES = (
    "Settled and chatty; showed the drawings done at school this week.",
    "Good visit; enjoying time with the carer's family and sleeping better.",
    "Talked about football practice and a new friend; no worries raised.",
    "Quiet at first, then keen to show the garden; carer reports a calm week.",
    "Home visit with the carer present; routines going well.",
    "Shared plans for the weekend; happy with the new bedroom.",
    "Talked through the upcoming review; child had clear ideas to share.",
    "",
)
NOT_SEEN_NOTES = (
    "Spoke with the carer by phone; the child was asleep. Visit arranged for this week.",
    "Carer called back; the child was at a school trip. All well reported.",
)
EXCUSE_REASONS = (
    "Child unwell; visit moved with the carer's agreement.",
    "Carer's family emergency; visit rearranged for next week.",
    "School exam day; child asked to meet another day.",
    "Severe weather closed the roads; phone contact with the carer instead.",
)
RETURN_NOTES = "Came back by themselves; return conversation offered."
MISSING_NOTES = "Did not come home after school; police informed and the carer is in contact."

GOALS = {
    "young": (("development", "Reaches the next movement and language milestones, with the therapist's advice followed at home"),
              ("health", "Immunisations up to date and paediatric follow-up kept"),
              ("family_and_relationships", "Builds a secure, consistent bond with the carer")),
    "child": (("education", "Settles at school, with a named adult to go to"),
              ("emotional_wellbeing", "Has weekly time with a counsellor and a calm bedtime routine"),
              ("identity", "Keeps speaking the home language, with books and a community group"),
              ("safety", "Knows who to call and has a safety plan agreed with the carer")),
    "teen": (("safety", "Safety plan agreed; knows the warning signs and who to call"),
             ("education", "Attends college or training most days, with help to catch up"),
             ("independence", "Budgets, cooks and travels independently, step by step"),
             ("identity", "Identity documents applied for, with legal advice"),
             ("emotional_wellbeing", "Keeps up therapy sessions and names what helps on hard days")),
}
SERVICES = {
    "young": ("paediatric follow-up", "health visitor", "early years therapist"),
    "child": ("school liaison", "counselling", "language support"),
    "teen": ("independent advocate", "legal advice", "counselling", "college support"),
}
VIEWS = (
    "I like where I live now. I want to keep going to the same school.",
    "I want to see my sister more often and to learn to swim.",
    "I feel safe here. I want help with my papers so I can stay.",
    "I'd like more say in who visits me, and to start a football club.",
    "I want to go to college and cook for myself.",
)
TOO_YOUNG = "Too young to give views in words. Observed: settles well with the carer, enjoys play and songs."
REVIEW_SUMMARIES = (
    "Placement settled; plan agreed with the child and carer.",
    "Good progress at school; counselling helping; plan continues.",
    "Settled and growing in confidence; goals updated for the next months.",
    "Strong bond with the carer; health appointments all kept.",
)
ASSESSMENT_NOTES = (
    "Observed during play at the placement; settled quickly with a familiar carer.",
    "Seen with the foster carer present; enjoyed the picture book.",
    "Tired after a clinic visit; worth looking again at the next check.",
)
REVIEW_IN_WORDS = (
    "Enjoys school and has made a friend in class; reading is coming on well.",
    "Sleeping better since the move; concentrates well on practical tasks.",
    "Talks more freely about what they like; speech therapy referral still helpful.",
    "Keen on football; fine motor skills and handwriting at the level expected.",
)
