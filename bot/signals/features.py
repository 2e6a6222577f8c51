"""What a draft contains, by structure: organisations, amounts, dates, people, and the words next to them.

Phrase lists break on the next company's wording; the shape of a risky post does not. "Closed the
Halvorsen deal, 2M ARR, announcement next week" is an organisation that is not ours, an amount next
to a business word, and a future date next to an announce verb, whatever the words around them.
Each extractor returns spans (start, end, kind) over the draft, so combinations can ask "is X near Y".
The word classes below are small, general vocabularies (what counts as a business metric, a health
matter, an announce verb), not phrasings of particular posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.signals.entities import Entities, find_entities


@dataclass(frozen=True)
class Span:
    """A piece of the draft and what it is."""

    start: int
    end: int
    kind: str
    text: str


def _words(*words: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


# Business metrics and commercial terms: an amount or a change next to one of these is a figure
# about the business, not about someone's weekend.
BUSINESS = _words(
    r"revenues?", r"staff", r"agents", r"roles", r"positions", r"arr", r"mrr", r"acv", r"tcv", r"sales", r"bookings?", r"churn(?:ed|ing)?", r"retention",
    r"margins?", r"profits?", r"profitab\w+", r"loss(?:es)?", r"ebitda", r"earnings", r"turnover", r"income",
    r"head ?count", r"pricing", r"prices?", r"price increase", r"contracts?", r"renewals?", r"deals?",
    r"budgets?", r"valuation", r"run[- ]rate", r"pipeline", r"quota", r"burn(?: rate)?", r"runway", r"cash",
    r"funding", r"forecasts?", r"guidance", r"targets?", r"costs?", r"fees?", r"rates?", r"discounts?",
    r"invoices?", r"payroll", r"backlog", r"orders", r"growth", r"gmv", r"nps", r"conversion", r"dau", r"mau",
    r"subscribers", r"signups", r"sign-ups", r"market share", r"share price", r"stock", r"shares", r"wallet share",
    r"account", r"accounts", r"spend", r"cogs", r"opex", r"capex", r"layoffs?", r"redundanc(?:y|ies)",
    r"attrition", r"utili[sz]ation", r"billings?", r"upsell", r"customers", r"clients", r"users", r"uptime",
    r"quarter(?:ly)?", r"quarter's", r"numbers", r"hires", r"hiring plan", r"engineers",
    r"per seat", r"per user", r"uplift", r"bonus pool",  # author G's training drafts
)
# Words that are business figures only in a business sentence ("black friday deals", "forecast for my garden").
WEAK_BUSINESS = frozenset({"quarter", "quarterly", "quarter's", "numbers", "engineers", "hires", "deal", "deals", "price", "prices", "cost", "costs", "fee", "fees", "rate", "rates", "discount",
                           "discounts", "forecast", "forecasts", "target", "targets", "budget", "budgets", "cash",
                           "orders", "growth", "income", "account", "accounts", "spend", "users", "customers",
                           "clients", "stock", "shares", "rating", "conversion", "loss", "losses", "record"})
# What a named organisation next to makes a post about a client, partner or deal.
CLIENT_BUSINESS = _words(r"contracts?", r"renewals?", r"renewing", r"deals?", r"pricing", r"price increase", r"revenues?",
                         r"arr", r"mrr", r"acv", r"budgets?", r"invoices?", r"account", r"rfp", r"tenders?", r"bids?",
                         r"proposal", r"pilot", r"poc", r"sow", r"purchase order", r"migration", r"onboarding",
                         r"implementation", r"rollout", r"churn(?:ed|ing)?", r"signed", r"closed", r"landed", r"won",
                         r"lost", r"onboarded", r"partnership", r"engagement", r"outage", r"qbr", r"workshop", r"breach",
                         r"will cost", r"costs? (?:you|them)", r"discount", r"quote", r"negotiat\w+", r"licen[cs]es?",
                         r"seats", r"spend", r"fees?")
PERSONAL_SENTENCE = re.compile(r"\b(?:i|i'm|i’m|i've|i’ve|my|me)\b", re.IGNORECASE)
GROUP_SENTENCE = re.compile(r"\b(?:we|we're|we’re|we've|our|us|the company|the team|the business|company|client|"
                            r"customer|quarter|q[1-4]|fy\d*)\b", re.IGNORECASE)
CHARITY = _words(r"raised", r"raising", r"donat\w+", r"charity", r"fundrais\w+", r"sponsor(?:ed|ing)? me", r"for a good cause",
                 r"justgiving", r"gofundme", r"bake[- ]sale", r"bake-off")
# An amount: currency symbol or code, or a number with a magnitude suffix.
MONEY = re.compile(
    r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|chf|jpy|aud|cad)\s?)\d[\d,.]*\s?(?:k|m|mm|bn|b|million|billion|thousand|mil)?\b"
    r"|\b\d[\d,.]*\s?(?:k|m|mm|bn|b)\b(?!\s?(?:run|race|steps|km|miles|views|followers))"
    # "2 million servers" counts things; "2 million", "2 million dollars" and "2 million in sales" are money
    r"|\b\d[\d,.]*\s?(?:million|billion|thousand|mil)\b(?!\s+(?!(?:dollars|euros|pounds|bucks|yen|rupees)\b)[a-z]+s\b)"
    r"|\b\d[\d,.]*\s?(?:usd|eur|gbp|dollars|euros|pounds|yen)\b|\d[\d,.]*\s?[€£¥]", re.IGNORECASE)
PERCENT = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b|pct\b|pp\b|bps\b|basis points\b)|[+-]\d+(?:[.,]\d+)?%"
                     r"|\b\d+(?:\.\d+)?x\b", re.IGNORECASE)
CHANGE = _words(r"doubled", r"tripled", r"quadrupled", r"halved", r"plummet\w*", r"tank(?:ed|ing)", r"crash(?:ed|ing)",
                r"soar\w*", r"skyrocket\w*", r"spiked?", r"dropped", r"fell", r"jumped", r"surged?", r"collapsed",
                r"up", r"down", r"grew", r"shrank", r"declin\w+", r"increas\w+", r"decreas\w+", r"rose", r"missed",
                r"beat", r"blew past", r"exceeded", r"record", r"cost (?:you |them |us )?more", r"go(?:es|ing)? up",
                r"higher", r"lower")
NUMBER = re.compile(r"\b\d[\d,.]*\b")

FUTURE = re.compile(
    r"\b(?:next|coming|this coming|later this|early next|end of (?:the |this |next )?)\s?(?:week|month|quarter|year|spring|summer|"
    r"autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|weekend)\b|\btomorrow\b|\b(?:in|within) (?:a|two|three|\d+|a few|"
    r"the next (?:few )?)\s?(?:days?|weeks?|months?)\b|\bsooner than (?:you|anyone|people) (?:think|expect)\b|\bany day now\b|\b(?:on|is|lands|drops) (?:monday|tuesday|wednesday|thursday|friday)\b|\bsoon\b|"
    r"\b(?:q[1-4]|h[12])(?: ?20\d\d| ?fy\d\d)?\b|\b(?:by|on|in|before|from) (?:the )?(?:\d{1,2}(?:st|nd|rd|th)? )?"
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?)\b(?: \d{1,2}(?:st|nd|rd|th)?)?|\bupcoming\b|\bnot (?:yet )?(?:public|announced|released|out|live|launched)\b|\b(?:isn.t|aren.t|is not|are not) (?:out|public|released|live|announced)(?: yet)?\b|\bnot released yet\b",
    re.IGNORECASE)
# "out in March" is a release; "dragging me out in January" is not (someone taken out, not something put out)
ANNOUNCE = _words(r"(?:is|are|will be) out", r"(?:gets?|getting|being|will be|is being|to be) (?:cut|axed|shut down|closed|scrapped|dissolved|"
                  r"merged|outsourced|laid off|restructured)", r"comes? out", r"coming (?:out|to)", r"(?<!\bme )(?<!\bus )(?<!\bhim )(?<!\bher )(?<!\bthem )(?<!\byou )out in", r"hits? (?:the )?(?:shelves|stores|market)",r"announc\w*", r"launch\w*", r"ship(?:s|ping|ped)?", r"clos(?:e|es|ing)(?! early)", r"sign(?:s|ing)?",
                  r"releas(?:e|es|ing)", r"unveil\w*", r"go(?:es|ing)? live", r"roll(?:s|ing)? out", r"reveal\w*",
                  r"drop(?:s|ping)?", r"go(?:es|ing)? public", r"public on", r"press release", r"ga", r"available",
                  r"debut\w*", r"kick(?:s|ing)? off", r"finali[sz]\w*", r"acquir\w+", r"merg\w+", r"deal", r"news")

PERSON_ROLE = _words(r"colleagues?", r"co-?workers?", r"candidates?", r"applicants?", r"interviewees?", r"teammates?", r"team ?mates?", r"teamates?", r"boss", r"manager", r"intern",
                     r"supervisor", r"(?:team )?lead", r"assistant", r"accountant", r"recruiter", r"new starter",
                     r"the (?:guy|girl|woman|man|lady|person|dude) (?:in|from|on) \w+", r"(?:our|my) \w+ (?:manager|supervisor|lead)",
                     r"direct reports?", r"my reports?", r"(?:our|my|the) (?:new |)(?:hire|cto|cfo|ceo|vp|director|lead|pm)",
                     r"engineer", r"designer", r"analyst", r"he", r"she", r"his", r"her", r"him", r"they're off",
                     r"someone (?:on|in) (?:my|our|the) team", r"(?:one|some|two|three) of (?:my|our) (?:team|reports|colleagues)")
FAMILY = _words(r"my (?:mum|mom|dad|mother|father|wife|husband|partner|son|daughter|kids?|children|brother|sister|"
                r"grandma|grandmother|grandpa|grandfather|aunt|uncle|cousin|family|dog|cat|friend)")
HEALTH = _words(r"expecting (?:a baby|twins|triplets|their first|her first|his first)", r"surgery", r"surgeries", r"chemo\w*", r"cancer", r"tumou?r", r"diagnos\w+", r"illness", r"sick(?: leave)?(?! (?:of|and tired)\b)",
                r"hospital\w*", r"therapy", r"therapist", r"mental health", r"depress\w+", r"anxiety", r"burn(?:ed|t)? ?out",
                r"rehab", r"medical", r"medication", r"pregnan\w+", r"miscarriage", r"ivf", r"maternity", r"paternity",
                r"disabilit\w+", r"adhd", r"autis\w+", r"stroke", r"heart attack", r"panic attacks?", r"breakdown",
                r"condition", r"treatment", r"sobriety", r"heart attack", r"off sick", r"months off", r"addiction", r"covid", r"infection", r"injur\w+",
                r"leave of absence", r"compassionate leave", r"bereavement", r"divorc\w+", r"custody")
HR = _words(r"fired", r"firing", r"fire (?:him|her|them)", r"sacked", r"(?:last|annual|performance|mid-?year) review",
            r"makes? \$?\d[\d,.]*k?", r"resignations?", r"drinking", r"drunk", r"affair", r"let go", r"pip", r"performance (?:improvement )?plan", r"performance review",
            r"disciplin\w+", r"written warning", r"final warning", r"demot\w+", r"underperform\w*", r"salary", r"salaries",
            r"pay ?(?:rise|raise|cut|check|slip)", r"raise", r"bonus", r"compensation", r"grievance", r"investigation",
            r"misconduct", r"probation", r"resign\w*", r"notice period", r"severance", r"earns?", r"paid \$?\d",
            r"(?:performance|low|poor|bad|lowest) rating", r"on notice", r"being managed out")

SCREEN = _words(r"screens?", r"slack", r"#[\w-]+ channel", r"inbox", r"emails?", r"org chart", r"screenshots?", r"screen ?grabs?", r"screen ?caps?", r"monitors?", r"laptop", r"dashboards?",
                r"whiteboards?", r"white ?board", r"slides?", r"deck", r"spreadsheets?", r"jira", r"confluence", r"wiki",
                r"documents?", r"docs?", r"memo", r"badges?", r"lanyard", r"access card", r"id card", r"org ?chart",
                r"roadmap", r"figma", r"board", r"kanban", r"sticky notes", r"notebook", r"crm", r"salesforce", r"tickets?",
                r"code review", r"review", r"report", r"pdf", r"xlsx", r"pptx", r"docx", r"csv")
PHOTO = re.compile(r"[\[(](?:image|photo|picture|attachment|file|video|screenshot|gif)\s*:?[^\])]*[\])]|"
                   r"(?<![\w-])(?:photo|picture|pic|snap|shot|image|video|selfie|screenshot|screen ?grab|attached|attaching|"
                   r"recording|screen ?recording|live ?stream(?:ing)?|"
                   r"see (?:below|attached)|behind me|in the background)s?(?![\w-])", re.IGNORECASE)
# An attachment stands in for text: "[image: IMG_4410.jpg]", "[PDF: Q3_final.pdf]", "[image attached]",
# "[video, 0:47, no caption]". A bracket that describes what is shown ("[photo of the team at the whiteboard]")
# is the post's words about it, not a marker.
_ATTACHED = r"image|photo|picture|attachment|file|video|screenshot|gif|pdf|doc|document|spreadsheet|clip|audio|voice note"
MARKER = re.compile(rf"[\[(]({_ATTACHED})\s*:\s*([^\])]*)[\])]|"
                    rf"\[({_ATTACHED})(?![\w-])(?!\s+(?:of|showing|from|with|by)\b)[^\]\n]{{0,40}}\]", re.IGNORECASE)

# First-person-plural claims made for the company, and who speaks.
COMPANY_VOICE = re.compile(
    r"\b(?:speaking|talking|posting|writing) (?:for|on behalf of) (?:the (?:whole |entire )?(?:company|firm|business|team)|"
    r"all of us|everyone (?:at|here)|us all)|\bon behalf of (?:the|my|our|all|everyone)\b|"
    # "speaking for Brightwater": a name, capitalised (the pattern is case-blind); "speaking for myself" is the opposite
    r"\b(?:speaking|talking|posting) (?:for|on behalf of) (?!(?i:myself|me)\b)(?-i:[A-Z]\w+)|"
    r"\b(?:we|the company|our company) (?:guarantee|promise|commit to|pledge|will never|will always|officially|"
    r"can confirm|confirm that|categorically|deny|denies|have decided|has decided|are committed to|stand behind)\b|"
    r"\bour (?:official |company.s )?(?:position|stance|response|policy) (?:is|on)\b|\bthe whole company (?:thinks|agrees|believes|says)\b|"
    r"\bi (?:can )?(?:speak|say|confirm) (?:this )?(?:for|on behalf of) (?:the company|everyone|all of us|us)\b",
    re.IGNORECASE)
# The rules' `belief_or_thanks` reading, as a span: a belief or thanks in the company's name (a caution).
COMPANY_BELIEF = re.compile(r"\bwe at \w+(?: \w+)? (?:believe|think|love|value|feel|care|are passionate|are proud|stand for)\b|"
                            r"\bon behalf of (?:everyone|all of us|the (?:whole )?team|us all)(?: at \w+)?,? (?:a )?(?:huge |big )?thank",
                            re.IGNORECASE)
FORWARD = re.compile(
    r"\b(?:we|we.ll|we.re|our \w+|the company)\b.{0,40}\b(?:will|is going to|are going to|gonna|on track to|set to|"
    r"poised to|expect(?:s|ed)? to|about to)\b.{0,30}\b(?:double|triple|grow|hit|reach|exceed|beat|surpass|smash|crush|"
    r"outperform|be profitable|break even|ipo|go public|dominate|overtake)\b|"
    r"\b(?:we.ll|we will|we.re gonna)\s+(?:\w+\s+)?(?:beat|miss|smash|crush)\s+(?:the\s+)?(?:consensus|estimates|expectations|"
    r"guidance|forecasts?|numbers|the street)\b|"
    r"\b(?:next|this coming) (?:quarter|year|fiscal year|half)\b.{0,40}\b(?:record|huge|massive|double|triple|best ever|"
    r"blow|monster|profitable|growth)\b|\bguarantee(?:d)? (?:growth|returns|results)\b", re.IGNORECASE)

NEGATIVE = _words(r"terrible", r"awful", r"horrible", r"worse", r"worst", r"inferior", r"buggy", r"slow", r"overpriced",
                  r"outdated", r"junk", r"crap", r"crappy", r"joke", r"clueless", r"incompetent", r"useless", r"garbage",
                  r"rubbish", r"trash", r"pathetic", r"unreliable", r"broken", r"laughable", r"dying", r"sinking", r"scam",
                  r"rip-?off", r"shady", r"sloppy", r"mediocre", r"amateur(?:ish)?", r"disaster", r"mess", r"embarrassing",
                  r"lying", r"liars", r"dishonest", r"greedy", r"clowns", r"idiots?", r"stupid", r"dumb", r"sucks?",
                  r"falls? apart", r"can.t even", r"no idea", r"asleep at the wheel", r"out of touch", r"dinosaurs?",
                  r"bad", r"poor", r"cheap knock-?off", r"knock-?off", r"copycat", r"wouldn.t trust", r"avoid",
                  r"stay away", r"nightmare", r"fiasco", r"shambles", r"toxic",
                  # complaints about one's own workplace (author G, H, I): "underpaid at Brightwater", "our internal
                  # tooling is stuck in 2012", "management changes priorities every two weeks and it's exhausting"
                  r"underpaid", r"overworked", r"understaffed", r"exhausting", r"fed up", r"black box", r"chaotic",
                  r"stuck in (?:19|20)\d\d", r"micromanag\w+", r"disorgani[sz]ed", r"none of (?:them|it) works?")
COMPETITOR = _words(r"competitors?", r"competition", r"rivals?", r"the other guys", r"(?:their|those) (?:guys|folks|people)")
MANAGEMENT = _words(r"management", r"leadership", r"(?:our|the) (?:execs?|executives|c-suite|board|ceo|cfo|cto|founders?|"
                    r"higher-?ups|bosses|vps?)", r"upper management", r"senior leadership", r"head office", r"hq",
                    r"our (?:it|hr|payroll|facilities|internal) (?:dept|department|tooling|tools|systems?)",
                    r"(?:our|the) internal tool(?:s|ing)", r"working at", r"(?:the )?pay bands", r"promotion process")
PRODUCT = _words(r"app", r"apps", r"product", r"products", r"platform", r"tool", r"tools", r"software", r"service",
                 r"services", r"feature", r"features", r"release", r"version", r"sdk", r"api", r"plugin", r"dashboard",
                 r"suite", r"solution", r"offering", r"subscription", r"plan", r"try it", r"try (?:them|this)",
                 r"recommend\w*", r"switch(?:ed)? to", r"sign up", r"download")
PRAISE = _words(r"love", r"loving", r"best", r"amazing", r"awesome", r"brilliant", r"fantastic", r"incredible",
                r"game[- ]?changer", r"must[- ]have", r"recommend\w*", r"highly recommend", r"go try", r"try it",
                r"check (?:it|them) out", r"blown away", r"obsessed", r"can.t live without", r"five stars?", r"10/10",
                r"beats", r"better than", r"outperforms?", r"the only \w+ (?:worth|you need)", r"switch(?:ed)? to",
                r"great", r"genuinely", r"impressed", r"wins", r"generous", r"best[- ]in[- ]class", r"miles ahead",
                r"most innovative", r"way better", r"(?:i.d|i would|just) go with", r"(?:should|must) (?:try|use|get)",
                r"the cleanest", r"hands down", r"top[- ]notch", r"second to none", r"ahead of the (?:pack|rest|market)",
                r"best deal", r"unbeatable", r"worth (?:every penny|it)", r"(?:just )?use (?:them|it|this)",
                r"paid for itself", r"life[- ]?chang\w+", r"life ?savers?", r"miles better", r"(?:can.t|won.t) go wrong",
                r"have you tried", r"(?:you.re|you are) missing out", r"(?:is|was) everything", r"look at")
# A judgement of a product by its form rather than its words: a rating ("8/10", "4 stars", "#1"), a comparison
# ("faster than", "the cheapest", "the only tool that", "not even close"), a recommendation ("try", "go with",
# "take a hard look at") or a review's frame ("Review:", "Pros:"). Praise for the company's own product
# in any of these forms needs the writer to say they work there.
EVALUATION = re.compile(
    r"\b\d{1,2}(?:\.\d)?\s?/\s?10\b|\b[1-5](?:\.\d)?\s?(?:/\s?5\b|stars?\b|★)|#1\b|\bnumber one\b|"
    r"\b\w{2,}er than\b|\b(?:more|less) \w+ than\b|\bthe (?:\w{3,}est|only (?:\w+ )?(?:tool|vendor|platform|one|product|app|"
    r"company|service))\b|\bunmatched\b|\bnot even close\b|\bthe one to (?:beat|pick)\b|"
    r"\b(?:try|take a (?:hard |good |close )?look at|go with|start with|switch to|check out)\b|"
    r"\breview(?:ed)?\b|\bpros:|\bcons:|\brating\b|\branking\b|\brated\b", re.IGNORECASE)
# A story, not the company's information: "a thriller about a leaked confidential memo", "this documentary"
FICTION = re.compile(r"\b(?:an?|the|this|that|my) (?:[\w-]+ ){0,2}(?:read|book|novel|thriller|film|movie|documentary|memoir|"
                     r"series|episode|sitcom|drama|play)\b", re.IGNORECASE)
# Hiding that you work there, or posing as a customer: "(don't tell anyone I work there)", "As a long-time customer"
CONCEALED = re.compile(r"\b(?:don.t tell (?:anyone|anybody|people|them)|nobody knows|no one knows|without (?:saying|mentioning|telling "
                       r"(?:anyone|them))|not (?:saying|mentioning)) (?:that )?I work (?:at|for|there|here)\b|"
                       # telling others to hide it: "Don't mention you work here!", "without saying you're staff" (own probe)
                       r"\b(?:don.?t|do not|never|without|no need to|avoid)\s+(?:ever\s+)?(?:mention|say|tell(?: anyone| them| people)?|"
                       r"disclos|reveal|admit|let on)\w*\s+(?:that\s+)?(?:you|we|you['’]re|we['’]re|you are|we are)\s+"
                       r"(?:work(?:ing)? (?:at|for|here|there)|(?:on )?(?:the )?staff|employees?|from (?:the company|here|us)|"
                       r"with (?:us|the company))\b", re.IGNORECASE)
# Asking for reviews or ratings ("please all go leave 5-star reviews for our app"): with the affiliation hidden, a fake
# endorsement.
REVIEW_REQUEST = re.compile(r"\b(?:leave|write|post|give|drop|add)\s+(?:us\s+|it\s+|them\s+)?(?:an?\s+|some\s+|more\s+)?"
                            r"(?:(?:\d|five)[- ]star\s+|positive\s+|good\s+|glowing\s+|great\s+)?(?:reviews?|ratings?)\b|"
                            r"\brate (?:us|it|our \w+)\b", re.IGNORECASE)
CUSTOMER_POSE = re.compile(r"\bas an? (?:[\w-]+ ){0,2}(?:customer|user|client|buyer|shopper|subscriber)\b", re.IGNORECASE)
# A promise made for the company: "We'll refund your whole subscription", "we will waive the fee"
COMMITMENT = re.compile(r"\bwe(?:.ll| will| are going to| re going to)\s+(?:\w+\s+)?(?:refund|compensate|credit|waive|reimburse|"
                        r"give you|send you|match|cover (?:the|your))\b", re.IGNORECASE)
# An absolute guarantee ("guarantees 100% delivery … every time", "is guaranteed never to lose data"): a promise of
# results only the company can make, and rarely true (wild15).
GUARANTEE = re.compile(r"\b(?:guarantee[sd]?|(?:is|are) guaranteed to|we promise|promises?)\b[^.!?\n]{0,60}?(?:\b100\s?%|"
                       r"\bevery (?:single )?time\b|\bnever (?:fails?|goes down|loses|breaks)\b|\bzero (?:downtime|errors|"
                       r"data loss|bugs)\b|\bno downtime\b|\bforever\b)", re.IGNORECASE)
# Posting about work from an account that hides who you are: "posting from a throwaway", "my anon account"
ANONYMOUS = re.compile(r"\b(?:throwaway|burner|alt|anonymous|anon|sock ?puppet|pseudonymous)\s+(?:account|profile|handle|name)\b|"
                       r"\b(?:from|on) (?:a|my) (?:throwaway|burner|alt)\b|\bposting anonymously\b|\bunder a pseudonym\b",
                       re.IGNORECASE)
# Something given for free by a company: "thanks @X for the free trip", "they sent me a laptop"
GIFT = re.compile(r"\b(?:free|comped|complimentary|gifted|sponsored)\s+(?:\w+\s+)?(?:trip|flight|hotel|stay|tickets?|dinner|"
                  r"meal|holiday|vacation|weekend|gear|laptop|phone|headphones|swag|subscription|licen[cs]e|hoodie|t-?shirt|"
                  r"merch|jacket|bag|voucher|gift card|hamper)\b|"
                  r"\b(?:sent|gave|gifted|paid for)\s+(?:me|us)\s+(?:a|an|the|my|our)?\s*(?:\w+\s+)?(?:trip|flight|hotel|stay|"
                  r"tickets?|dinner|gift|laptop|phone|headphones|swag|hamper|basket)\b", re.IGNORECASE)
# Consent for a photo or a tag: "everyone agreed", "shared with permission", "(all gave their permission)"
CONSENT = re.compile(r"\b(?:with (?:their |his |her |the |our )?(?:[\w-]+(?:['’]s|s['’]) )?(?:written |explicit |"
                     r"signed |full |prior )?(?:permission|consent|blessing)|(?:they|everyone|all|he|she)\b.{0,20}"
                     r"\b(?:agreed|said (?:yes|ok)|ok.d|gave (?:their |his |her )?(?:permission|consent)|are happy|is happy)|"
                     r"(?:permission|consent) (?:given|granted|asked)|asked (?:first|them|him|her|everyone)|"
                     r"(?:approved|okayed|ok.d|signed off on) (?:this|the) (?:photo|pic|picture|video|post))\b", re.IGNORECASE)
# A person recorded or tagged who doesn't know or didn't agree: "he doesn't know I'm filming"
NO_CONSENT = re.compile(r"\b(?:(?:doesn.t|does not|didn.t|did not|don.t|won.t) (?:know|agree|realise|realize|notice)|"
                        r"(?:haven.t|have not|never|didn.t|did not) ask(?:ed)?|without (?:asking|telling)|"
                        r"(?:he|she|they).ll kill me|don.t tell (?:him|her|them)|caught (?:him|her|them|on camera)|"
                        r"sneak(?:y|ily)|secretly)\b", re.IGNORECASE)
# Hinting at news that isn't out: "can't say what. soon", "watch this space", "you didn't hear it from me"
# Talking down to a person rather than answering them: an insult, or a put-down of what they know ("you clearly
# never used the product", "maybe read the docs before tweeting", "do some research, clown"). Author H's and I's
# replies to customers and critics; the guidelines ask for respect in every exchange.
PUTDOWN = re.compile(r"\b(?:you (?:clearly|obviously|evidently) (?:never|don.t|didn.t|have(?:n.t| no)|can.t)|"
                     r"maybe (?:try )?(?:read(?:ing)?|googl\w+|do(?:ing)? some research)|do (?:some|your) (?:research|homework)|"
                     r"(?:read|reading|rtfm)\b[^.?!]{0,20}\bbefore (?:you )?(?:tweet|post|comment|complain)\w*|learn to read|"
                     r"imagine being this (?:wrong|dumb|clueless)|clowns?|morons?|idiots?|braindead|get a clue)\b", re.IGNORECASE)
# Swearing, spelt out or starred ("shipped the f***ing migration", "Holy sh*t this release is damn good"): every
# such post of the tuning drafts (train-h, wild11) was labelled a caution; the guidelines ask for a respectful tone.
PROFANITY = re.compile(r"\bf[*u#@]{1,3}c?k\w*|\bf\*{2,}\w*|\bsh[i*!1]t(?:ty|s)?\b|\bbullsh\w+|\b(?:god)?damn(?:ed|it)?\b|"
                       r"\bcrap(?:py)?\b|\bwtf\b|\bffs\b|\bassholes?\b|\bbitch\w*|\bbastards?\b|\bpiss(?:ed)? off\b",
                       re.IGNORECASE)
# Selling goods that carry someone's name or logo ("We're selling Puter logo hoodies — $40 each"): a trademark used
# commercially needs the owner's written permission (wild11; train's "my version of the logo for our hoodie" is
# the rules' caution).
SELL = r"(?:sell(?:s|ing)?|sold(?! out)|for sale)"
GOODS = r"hoodies?|t-?shirts?|tees?|shirts?|mugs?|stickers?|caps?|hats?|tote bags?|merch\w*|swag|socks|posters?|prints?"
MERCH_SALE = re.compile(
    rf"\b{SELL}\b[^.!?\n]{{0,60}}?\b(?:logo|branded|brand)\s+(?:[\w-]+\s+)?(?:{GOODS}|bags?)\b|"
    rf"\b(?:logo|branded|brand)\s+(?:[\w-]+\s+)?(?:{GOODS})\b[^.!?\n]{{0,60}}?\b{SELL}\b|"
    # "Selling … hoodies with the logo", "mugs featuring their logo … for sale" (wild15)
    rf"\b{SELL}\b[^.!?\n]{{0,60}}?\b(?:{GOODS}|bags?)\s+(?:with|featuring|bearing|carrying|showing|printed with)\s+"
    rf"(?:the\s+|our\s+|their\s+|its\s+|a\s+|an\s+)?(?:[\w-]+\s+)?logos?\b|"
    rf"\b(?:{GOODS}|bags?)\s+(?:with|featuring|bearing|carrying|showing|printed with)\s+(?:the\s+|our\s+|their\s+|its\s+|a\s+|an\s+)?"
    rf"(?:[\w-]+\s+)?logos?\b[^.!?\n]{{0,60}}?\b{SELL}\b",
    re.IGNORECASE)
# Applying to register a trademark ("filed a trademark application for BLAZINGMQ", "I trademarked the name"): a
# mark is registered by its owner's legal team, never by someone on their own (wild15).
TRADEMARK_FILING = re.compile(
    r"\b(?:fil(?:ed|ing|e)|submit(?:ted|ting)?|lodg(?:ed|ing|e)|sen[dt])\b[^.!?\n]{0,30}?\b(?:trade ?mark|service mark)\s+"
    r"(?:application|registration|filing)s?\b|\bappl(?:ied|ying|y) (?:for|to register) (?:a |the |our |my )?(?:trade ?mark|service mark)|"
    r"\btrade ?marked\b|\bregister(?:ed|ing)?\b[^.!?\n]{0,40}?\bas (?:a |our |my )?(?:trade ?mark|service mark)\b|"
    r"\bregister(?:ed|ing)? (?:the |a )?(?:trade ?mark|service mark)s? (?:for|on)\b", re.IGNORECASE)
# A logo set beside another organisation's ("our logo side by side with the sponsor's", "the Bloomberg logo right next
# to the BlazingMQ one"): a combined mark reads as a partnership or an endorsement nobody granted (wild15).
LOGO_PAIRING = re.compile(
    r"\blogos?\b[^.!?\n]{0,60}?\b(?:(?:right |just )?next to|beside|alongside|side[ -]by[ -]side with|combined with|merged with|"
    r"paired with|locked up with|together with)\b[^.!?\n]{0,60}?\b(?:logos?|one|mark|wordmark)\b|\bco-?brand(?:ed|ing)\b",
    re.IGNORECASE)
# Name-calling ("idiot", "clown", "incompetent") aimed at someone by their role at work or their organisation
# ("This maintainer is an idiot", "our new VP is a complete clown", "their engineers are idiots"): every such
# tuning draft was labelled an escalation; an insult thrown at "you" or at anonymous repliers is a put-down
# (caution). The scorer escalated them on the bundled guidelines only (wild4, wild5: caution elsewhere).
INSULT = _words(r"idiots?", r"morons?", r"clowns?", r"imbeciles?", r"incompetent", r"brain-?dead", r"clueless", r"useless",
                r"lazy", r"pathetic", r"halfwits?", r"buffoons?", r"dimwits?")
ROLE_NOUN = _words(r"manager", r"boss", r"team ?lead", r"lead", r"supervisor", r"vp", r"ceo", r"cto", r"cfo", r"founders?",
                   r"directors?", r"maintainers?", r"engineers", r"developers", r"devs", r"leadership", r"execs?",
                   r"reps?", r"representative", r"colleagues?", r"co-?workers?", r"contractors?", r"vendors?", r"suppliers?",
                   r"recruiters?", r"moderators?", r"admins?", r"reviewers?", r"staff", r"hr", r"(?:data|ops|it|sales|support) team",
                   r"ops director", r"client", r"clients", r"partner", r"partners")
# Venting about the workplace: a person or process of the writer's own work beside frustration ("my team lead
# already forgot my name twice 💀", "whoever designed our expense tool should be in jail", "another 'urgent'
# reprioritisation at work. love it here 🙃"). Every such draft of the 2,504 tuning drafts was labelled risky.
WORKPLACE_REF = re.compile(r"\b(?:my (?:manager|boss|team ?lead|line manager|supervisor|shift|workplace|director|skip[- ]level|"
                           r"team|colleagues|co-?workers)|our (?:expense|hr|it|internal|booking|timesheet|travel|review|"
                           r"promotion)\s*(?:tool|system|process|portal|department|team)|(?:people|folks|everyone) on my "
                           r"(?:floor|team)|corporate life|at work|(?:the|our) office|work(?:ing)? (?:at|for) (?-i:[A-Z])\w+)\b",
                           re.IGNORECASE)
FRUSTRATION = re.compile(r"(?:🙄|🙃|💀|🫠|😤|😡|🤬|😒)|\b(?:so (?:angry|annoyed|frustrated|done)|love it here|come on|"
                         r"every\. single\.|should be (?:in jail|fired|ashamed)|absolute hell|can.t stand|sick of|fed up|"
                         r"tiring|exhausting|(?:\d+(?:st|nd|rd|th)|third|fourth) time this (?:week|month))\b", re.IGNORECASE)
# The person (or their family) made it public themselves: "His family shared the news publicly", "she posted about
# it herself", "she announced it publicly last week".
MADE_PUBLIC = re.compile(r"\b(?:shared|announced|posted|made|wrote about) (?:the news |it |this |her news |his news |their news )?"
                         r"(?:publicly|public|herself|himself|themselves|on (?:her|his|their) own)|(?:she|he|they) (?:posted|wrote|"
                         r"shared) (?:about )?it (?:herself|himself|themselves|publicly)\b", re.IGNORECASE)
# A gift or hospitality from someone the company does business with: "A vendor just sent me a $300 espresso machine",
# "tickets from one of our suppliers". Gifts beyond a modest value are a conflict of interest to declare.
# ("my partner" is someone's spouse, so "partner" counts only after "a", "our", "the".)
_BUSINESS_CONTACT = (r"(?:(?:a|an|our|the|one of our) (?:vendors?|suppliers?|clients?|customers?|partners?|sales ?reps?|agency|"
                     r"recruiters?)|my (?:vendors?|suppliers?|clients?|customers?|sales ?reps?|recruiters?))")
BUSINESS_GIFT = re.compile(rf"\b(?:{_BUSINESS_CONTACT}|(?:vendor|supplier|client|customer|partner)'s)\b[^.!?]{{0,40}}\b(?:sent|"
                           r"gave|gifted|bought|treated|comped|paid for|got) (?:me|us)\b|\b(?:gifts?|present|hamper|basket|"
                           rf"tickets?|bottle|voucher)\b[^.!?]{{0,30}}\bfrom {_BUSINESS_CONTACT}\b", re.IGNORECASE)
TEASER = re.compile(r"\b(?:(?:can.?t|cannot|not allowed to|can.?t yet) (?:say|tell(?: you)?|share|talk about|reveal) "
                    r"(?:what|who|which|where|more|anything|much|yet|details)|all (?:i.ll|i will) say is|more when i can|"
                    r"(?:doesn.?t|don.?t|has no idea|have no idea) (?:know )?what.s coming|guess who.s (?:getting|leaving|joining)|"
                    r"can.?t wait (?:for|till|until) (?:the world|everyone|you all|people|you) (?:to )?(?:find out|know|see|hear)|"
                    r"something (?:big|huge|major|exciting|special)\b.{0,20}\b(?:coming|dropping|on the way|brewing|landing)|"
                    r"(?:until|till|before) (?:i.m|i am|we.re|we are) allowed to (?:say|tell|share|talk)|"
                    r"watch this space|stay tuned|more (?:soon|to come|news soon)|(?:big|huge|major) (?:changes?|news|things) "
                    r"(?:coming|ahead|incoming)|you didn.?t hear (?:it|this) from me|you.ll (?:all )?(?:understand|see|find out) "
                    r"(?:on|next|soon|why|tomorrow)|no comment|not saying anything|(?:i|we) know something you don.?t|"
                    r"what (?:i|we) (?:just )?(?:heard|learned|saw) (?:in|at) (?:the )?(?:all[- ]hands|meeting|town ?hall)|"
                    r"(?:read|see) the (?:document|doc|memo|email) that went (?:round|around|out)|that.s the tweet)\b", re.IGNORECASE)
TAGGED = re.compile(r"\b(?:tagg(?:ing|ed)|filming|filmed|featuring|names? tagged)\b", re.IGNORECASE)
PEOPLE_REF = re.compile(r"\bmy (?:desk neighbou?r|coworkers?|co-workers?|colleagues?|manager|boss|van buddy|teammates?|team ?mates?)\b|"
                        r"\b(?:the|our) whole (?:\w+ )?team\b", re.IGNORECASE)
# A colleague named by how they relate to the writer: "my colleague Rita", "our amazing receptionist Joan",
# "teammate @joana_pt", "Ben on our support team", "Kemi from accounts". The relation word is written in lower
# case ("Lead Implementer" is a course) and executives are left out: a CEO's name is public.
_COLLEAGUE_JOB = (r"(?:colleague|co-?worker|teammate|team ?mate|desk neighbou?r|boss|manager|receptionist|intern|trainer|"
                  r"designer|engineer|developer|analyst|scientist|lead|mentor|guard|driver|organi[sz]er|assistant|"
                  r"recruiter|accountant|technician|buddy|bestie)s?")
HANDLE = r"@[A-Za-z][\w.]{1,30}"  # a social handle: "@joana_pt", "@laura.m"
_PERSON_NAME = rf"(?:{HANDLE}|[A-Z][a-z]{{1,15}}(?:\s+[A-Z][a-z]{{1,20}})?)"
COLLEAGUE_NAMED = re.compile(
    rf"(?<![\w-])(?:{_COLLEAGUE_JOB}(?:,|\s+(?:named|called))?|(?i:welcome (?:to the team|aboard|on board)),?)\s+(?P<before>{_PERSON_NAME})\b|"
    rf"(?<![\w@])(?P<after>{_PERSON_NAME}),?\s+(?:(?:from|on|in)\s+(?:our|my|the)\s+(?:[\w-]+\s+){{0,2}}"
    r"(?:team|department|dept|shift|crew|squad)|from\s+(?:accounts|finance|payroll|hr|it|sales|support|marketing|legal|ops|"
    r"accounting|engineering|design|reception|facilities))\b")
# Among the writer's colleagues: "rating my coworkers' lunches", "karaoke night with the team", "my desk neighbour",
# "the new guy on my team", "one of our VPs". With a person named or pointed at, a remark about them is theirs to agree to.
TEAM_CONTEXT = re.compile(r"\b(?:my|our) (?:\w+ )?(?:team|coworkers?|co-workers?|colleagues?|desk neighbou?r|teammates?|squad|crew)\b|"
                          r"\bwith the team\b|\bteam (?:lunch|dinner|night|drinks|outing|offsite|karaoke)\b|"
                          r"\bin the (?:office|kitchen|lift|elevator|break room)\b|\b(?:at (?:his|her|their|our) desks?|desk neighbou?rs?|"
                          r"pair programming|work (?:anniversary|besties|friends|bestie)|farewell (?:drinks|party|lunch)|"
                          r"office (?:party|halloween|christmas)|christmas party|all-nighter|promotion to|demo day|night ?shift|"
                          r"best (?:manager|colleague|teammate)|stayed (?:until|till|late))\b", re.IGNORECASE)
POINTED_PERSON = re.compile(r"\b(?i:the new (?:guy|girl|hire|starter|intern|lad|lass)|one of our (?:vps?|managers|directors|execs|"
                            r"executives|leads|engineers|analysts))\b|(?<![\w@])[A-Z][a-z]{2,14}['’]s\b|(?<![\w@.])@[A-Za-z][\w.]{1,30}\b|"
                            r"(?:^|[.!?]\s+|\s)[A-Z][a-z]{2,14},? (?i:i know|if you.re reading|you know who|stop|please|sorry)\b")
# Someone else's work reused: a reuse verb near a creative work, and nothing that credits it (or the whole of it,
# or where it was found instead of who made it). Author I's and G's "reposting that viral cartoon, not sure who
# drew it", "a photo I found on Pinterest", "the full 'Blinding Lights' as background music".
REUSE = re.compile(r"\b(?:re-?post(?:ing|ed)?|re-?upload(?:ing|ed)?|borrow(?:ed|ing)?|grabb?(?:ed)?|found|pasted?|pasting|"
                   r"screenshott?(?:ed|ing)?|using|used|adapted|embedded|playing|uploaded|scanned|typed out|translated|"
                   r"turned (?:it )?into|made (?:it )?(?:my|our|the)|background (?:music|track|song))\b", re.IGNORECASE)
WORK = re.compile(r"\b(?:cartoon|comic|strip|drawing|illustration|artwork|fan ?art|photo|picture|image|chart|graph|"
                  r"infographic|diagrams?|figure|song|single|track|sound|music|album|soundtrack|stills|footage|clip|trailer|chapter|"
                  r"article|report|book|keynote|script|icons?|icon pack|font|poem|wallpaper|slides?)s?\b", re.IGNORECASE)
NO_CREDIT = re.compile(r"\b(?:not sure who|no idea who|can.?t remember (?:who|whose)|don.?t know who|no credit|uncredited|"
                       r"without (?:credit|crediting|permission)|not credited|credit(?:ed)? (?:to|as) .?(?:the )?(?:internet|whoever|unknown)|"
                       r"(?:creator|source|artist|author|photographer) (?:is )?unknown|watermark (?:cropped|removed)|"
                       r"signature (?:cropped|removed)|cropped (?:out )?(?:the )?(?:signature|watermark|credit)|"
                       r"found (?:it |this |these )?(?:on|online|via) (?:google|pinterest|reddit|instagram|tumblr|twitter|tiktok|"
                       r"the internet|someone.s)|on (?:google(?: images)?|pinterest|reddit|tumblr|getty(?: images)?|flickr)|from someone on (?:reddit|twitter|x|instagram|tiktok)|"
                       r"someone.s (?:blog|github|repo|channel|site)|paid (?:version|report|course|icon pack|pack|book)|"
                       r"(?:the )?full (?:song|track|album|soundtrack|chapter|article|text|keynote|video|\"|(?:new )?(?:[A-Z][\w']* ){1,3}(?:song|single|track|album))|in full|"
                       r"whole (?:song|track|album|chapter|article|book|keynote|thing)|viral (?:sound|song|cartoon|comic|video))",
                       re.IGNORECASE)
# A political view or call to action next to the employer's name or the writer's job there.
POLITICAL = re.compile(r"\b(?:election|elections|vote (?:for|green|labou?r|tory|conservative|democrat|republican|liberal|no|yes)|"
                       r"voting the same way|political part(?:y|ies)|the (?:government|gov)|this government|parliament|congress|"
                       r"senat(?:e|or)|referendum|immigration (?:bill|law|policy)|(?:tax|immigration|surveillance|abortion|gun) "
                       r"(?:bill|law)|climate (?:march|strike|protest)|protest|boycott|call your (?:representative|mp|senator)|"
                       r"take a (?:public )?stand|for (?:governor|president|mayor|senate|senator|congress|parliament|re-?election))\b",
                       re.IGNORECASE)
# The organisation backing a candidate, or rallying its staff to vote: "PostHog stands with Jane Smith for governor",
# "Everyone on the team, go vote for her on Tuesday!" (wild2). It speaks for the organisation, like its account.
ORG_ENDORSEMENT = re.compile(
    r"\b(?:[A-Z][\w.&-]+|[Ww]e|[Oo]ur (?:team|company|organi[sz]ation|firm|agency))\s+(?:proudly\s+)?(?:stands? with|endorses?|"
    r"(?:is|are) (?:backing|endorsing|supporting)|backs?|supports?)\s+(?:[A-Z][\w.-]+\s+){1,3}for\s+(?:governor|president|mayor|"
    r"senate|senator|congress|parliament|council|office|re-?election)\b|"
    r"(?i:\beveryone (?:on|in|at) (?:the|our|this) (?:team|company|office|org\w*)\b[^.!?\n]{0,30}\bvote\b)")
AS_EMPLOYEE = re.compile(r"\bas (?:an?|someone who works|a proud)\b.{0,30}\b(?:employee|works?|engineer|analyst|staffer)\b|"
                         # "As a civil servant at the ministry, I'm telling you all to vote …" (own probe)
                         r"\bas an? (?:civil|public|crown|federal|government|state|council|local government) (?:servant|employee|"
                         r"worker|official|officer)\b|"
                         r"\b(?:the company|my employer|my company) (?:stands?|supports?|should|needs to)\b|\basking as an employee\b",
                         re.IGNORECASE)
# Posting as the organisation, or from work: "Posting from the @BrightwaterCareers account", "from my desk at the agency".
COMPANY_ACCOUNT = re.compile(r"\b(?:posting|tweeting|writing|speaking) (?:from|on|as|for) (?:the|our) (?:@?[\w.]+ |company |official |"
                             r"corporate |brand |careers |work )?(?:account|handle|page)\b|\bfrom my desk at (?:the|our) (?:agency|office|"
                             r"company|department|ministry)\b|\bon (?:the|our) (?:company|official|corporate|brand) (?:account|handle|page)\b|"
                             # a note on whose account it goes out: "(for the RAC Twitter)", "[from our Instagram]"
                             r"[(\[]\s*(?:draft )?(?:for|from|on|via) (?:the|our) (?:[\w.@&'’-]+ ){0,3}(?:twitter|x|instagram|"
                             r"linkedin|facebook|mastodon|bluesky|threads|tiktok|youtube)(?: account| page| handle| feed)?\s*[)\]]",
                             re.IGNORECASE)
# Conduct that is never acceptable, whatever the guidelines' wording: a generalisation that demeans a group,
# sexual innuendo about a colleague or at a stand, a bribe, selling drugs, people's records carried out on a stick,
# and a contract steered to oneself.
DEMEANING = re.compile(r"\b(?:women|girls|men|females|males|immigrants|foreigners|muslims|christians|jews|gays|old people|boomers)\b"
                       r".{0,25}\b(?:make (?:bad|terrible|poor|lousy)|can.?t (?:code|drive|program|lead|do maths|do math)|"
                       r"are (?:bad|terrible|useless|worse) at|shouldn.?t (?:be|code|lead)|belong in|aren.?t (?:cut out|built) for|"
                       # "women just aren't that into coding" (wild21): a trait claimed for a whole sex or faith
                       r"(?:just |simply )?aren.?t (?:that |really |very |naturally )?(?:into|good at|interested in|"
                       r"capable of|smart enough))\b|"
                       # an ability denied to an age group: "older people can't learn new software"
                       r"\b(?:older|old|elderly) (?:people|folks|workers|employees|staff)\b.{0,15}\b(?:can.?t|cannot|are unable to|"
                       r"never) (?:learn|handle|understand|keep up|adapt|use)\b|"
                       r"\b(?:if you know what i mean|wink wink|in (?:lingerie|bikinis|underwear)|hired for (?:her|his) (?:looks|body))\b|"
                       r"\bdidn.?t get hired for (?:her|his) \w+ skills\b|\btypical (?:of )?(?:a )?(?:women|woman|girls?|men|immigrants|"
                       r"foreigners)\b|\b(?:girl|woman) (?:who )?never says no\b|"
                       # looks, not skills: "has legs for days, no wonder she got the job" (own probe)
                       r"\blegs for days\b|\b(?:no wonder|that.s why|must be why|that explains why) (?:she|he) (?:got|landed) "
                       r"(?:the job|hired|promoted|the promotion|the role)\b|"
                       # a whole people or origin branded: "People from that country are all scammers" (own probe)
                       r"\b(?:(?:people|folks|everyone|anyone|guys|users) from (?:that|this|those|these|their) (?:country|countries|"
                       r"region|part of the world|part of the country|continent|city|neighbou?rhood)|immigrants|foreigners|refugees|migrants)\b"
                       r"[^.!?\n]{0,20}\b(?:(?:are|is) (?:all |just |basically |always |mostly )?(?:scammers|thieves|criminals|liars|cheats|"
                       r"frauds|terrorists|lazy|animals|dirty|stupid|idiots|parasites|vermin)|"
                       # kept out for where they come from: "shouldn't be on our dev team" (wild23)
                       r"shouldn.?t (?:be|work) (?:on|in|at|here)|don.?t belong (?:on|in|at|here)|(?:always|just) slow (?:us|everyone|things) down)\b", re.IGNORECASE)
# Choosing staff by sex, age or family plans: "Ideally a young woman under 30", "no one over 45", "men only" (own probe).
_HIRE = r"(?:hiring|recruit\w*|jobs?|roles?|positions?|vacanc(?:y|ies)|openings?|candidates?|applicants?|new hires?|intern(?:ship)?s?)"
_TRAIT = (r"(?:young(?:er)?\s+(?!(?:team|company|startup|business|brand|project|org\w*|industry|field)\b)\w+|under\s+[2-4]\d|"
          r"(?:wo)?m[ae]n|males?|females?|girls?|guys|lads|single|childless|no kids|not (?:pregnant|planning (?:a family|kids)))")
DISCRIMINATORY_HIRING = re.compile(
    rf"\b{_HIRE}\b.{{0,80}}?\b(?:ideally|preferably|prefer(?:ring)?|only|must be|should be)\s+(?:an?\s+)?{_TRAIT}\b|"
    rf"\b{_HIRE}\b.{{0,80}}?\b(?:no(?: one| body|body| applicants?| candidates?)?|not?) (?:over|above|older than) [3-6]\d\b|"
    rf"\b{_HIRE}\b.{{0,80}}?\b(?:men|women|males|females|guys|girls|under[- ][2-4]\ds?)[- ]only\b", re.IGNORECASE)
# Asking people for their credentials ("reply with your password and bank PIN"), publishing a working attack on a
# system ("here's the URL and the payload"), naming the people in an assault, or spreading an attacker's manifesto.
HARMFUL = re.compile(r"\b(?:(?:reply|respond) with|(?:send|dm|message|give|tell) (?:me|us)(?: with)?) your (?:(?:account |bank |login )?"
                     r"(?:password|pin|bank details|card (?:number|details)|login|2fa code|one-time code))\b|\b(?:sql injection|xss|rce|remote code execution|vulnerability|exploit|0-?day)\b"
                     r".{0,80}\b(?:the payload|the exploit|the url and|try it yourselves?|here.s how to (?:get in|exploit))\b|"
                     r"\b(?:groped|assaulted|raped|molested)\b.{0,80}@\w+|@\w+.{0,40}\b(?:groped|assaulted|raped|molested)\b|"
                     r"\b(?:manifesto)\b.{0,40}\b(?:shooter|attacker|gunman|bomber|terrorist)\b|\b(?:shooter|attacker|gunman|bomber|"
                     r"terrorist).s manifesto\b", re.IGNORECASE)
# Harms found by a second probe of posts written for no particular guidelines (seventeenth session):
# a child identified by name, age and school ("Lily Chen, age 12, from Oakfield Primary"); the writer's own child aside.
MINOR_IDENTIFIED = re.compile(
    r"(?<!my )(?<!our )\b(?-i:[A-Z][a-z]+ [A-Z][a-z]+),?\s+(?:age[d:]?\s+(?:[4-9]|1[0-7])|(?:[4-9]|1[0-7])[- ]years?[- ]old|"
    r"\((?:[4-9]|1[0-7])\))\b[^.!?\n]{0,40}\b(?:from|at|of|in)\s+(?:the\s+)?(?-i:[A-Z][\w'’-]+\s+){1,3}"
    r"(?:Primary|School|Academy|Elementary|High|Middle|Kindergarten|Nursery|Junior)\b|"
    # a baby or child named with an age in brackets: "little Emma Rodriguez (8 months) from our study" (new user,
    # seventeenth session); accented names too
    r"(?<!my )(?<!our )\b(?-i:[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+ [A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]+),?\s*\(\s*(?:\d{1,2}\s*(?:months?|mos?|weeks?|wks?)"
    r"(?: old)?|aged?\s*(?:[1-9]|1[0-7])(?:\s*(?:y/?o|yrs?|years?)(?: old)?)?|(?:[1-9]|1[0-7])\s*(?:y/?o|yrs?|years?)(?: old)?)"
    r"\s*\)", re.IGNORECASE)
# Results made up or changed to suit: "we fudged a few data points in the trial results", "faked the numbers".
DATA_FRAUD = re.compile(
    r"\b(?:fudg|fak|fabricat|falsif|doctor|cook)(?:e|ed|ing|es|s)?\s+(?:a few |some |the |our |all the |a couple of |several )?"
    r"(?:[\w-]+\s+)?(?:data|data points|results|numbers|figures|measurements|readings|books|records|findings|stats|statistics|"
    r"samples|signatures|timesheets|invoices|expenses|receipts)\b|\bmade up (?:the |some |a few )?(?:data|results|numbers|"
    r"figures|measurements|readings|findings)\b", re.IGNORECASE)
# A government protective marking: "OFFICIAL-SENSITIVE", "for official use only", "CUI", "classified briefing".
CLASSIFIED = re.compile(
    r"\bofficial[- ]sensitive\b|\bfor official use only\b|\bfouo\b|(?-i:\bCUI\b)|\bcontrolled unclassified\b|"
    # "classified material" alone is also a joke about spy novels (train-g); a named artefact is shared
    r"\b(?:attach\w*|forward\w*|shar\w*|post\w*|upload\w*|here(?:'s| is| are))\b[^.!?\n]{0,30}\b(?:secret|top secret|restricted|"
    r"classified)\s+(?:briefing|document|report|file|cable|annex|pack)s?\b", re.IGNORECASE)
# A health claim only a regulator can allow: "our supplement cures anxiety", "no need for those expensive meds".
HEALTH_CLAIM = re.compile(
    r"\b(?:cures?|heals?|reverses?|eliminates?|gets? rid of)\s+(?:your\s+|all\s+)?(?:anxiety|depression|cancer|diabetes|covid|"
    r"autism|adhd|arthritis|alzheimer\w*|dementia|insomnia|obesity|hiv|asthma|eczema|acne|migraines?|infections?)\b|"
    r"\bno (?:more )?need for (?:those |your |expensive |any )*(?:meds|medication|medicines?|doctors|vaccines?|prescriptions?|"
    r"chemo\w*|insulin|antibiotics|therapy)\b", re.IGNORECASE)
# Telling someone publicly to change their treatment: "just double your insulin dose".
MEDICAL_ADVICE = re.compile(
    r"\b(?:double|triple|halve|increase|decrease|raise|lower|stop|skip|up|cut)\s+(?:your|the|their)\s+(?:[\w-]+\s+)?"
    r"(?:dose|dosage|medication|meds|insulin|pills?|tablets?|prescription)\b", re.IGNORECASE)
# A hazard or wrongdoing hushed up: "management told us not to report it", "the sponsor asked us to keep quiet" about
# side effects. Told not to report is enough; told to keep quiet needs the harm beside it.
_HAZARD = (r"(?:side effects?|safety|injur\w*|leak\w*|spill\w*|breach\w*|accident\w*|fail\w*|defect\w*|contamina\w*|waste|"
           r"pollut\w*|fraud\w*|abuse\w*|harass\w*|bribe\w*|toxic|dumped|discharged|recall\w*|death|died|explod\w*)")
COVER_UP = re.compile(
    r"\b(?:told|asked|instructed|ordered|warned|wants?|want(?:ed)?)\s+(?:us|me|everyone|staff|the team|people|them)\s+not\s+to\s+"
    r"(?:report|tell anyone|tell the|mention|flag|log|record|raise|escalate|disclose)\b|"
    rf"\b{_HAZARD}\b.{{0,120}}\b(?:asked|told|instructed|wants?|ordered)\s+(?:us|me|everyone|the team|people|staff)\s+(?:to\s+)?"
    r"(?:keep (?:it |this |that |things )?(?:quiet|secret|under wraps|between us)|hush it up|cover (?:it|this) up|sit on it)\b",
    re.IGNORECASE)
# Content offered for a gift: "I'll review your product if you send me a free laptop".
PAID_REVIEW_OFFER = re.compile(
    r"\b(?:review|promote|post about|recommend|endorse|feature|mention)\b.{0,60}\bif you (?:send|give|pay|gift|comp)\b|"
    r"\b(?:send|give|pay) me\b.{0,40}\band (?:i.ll|i will) (?:review|promote|post about|recommend|endorse|feature)\b",
    re.IGNORECASE)
# A customer named in a complaint or ticket: "Support ticket of the day from Mrs. Janet Whitfield" (own probe).
CUSTOMER_NAMED = re.compile(
    r"\b(?:tickets?|complaints?|support requests?|orders?|refund requests?)\b[^.!?\n]{0,30}\bfrom\s+(?:customer\s+|client\s+)?"
    r"(?-i:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)|"
    # "Customer John Ramos, card ending 4417, keeps disputing charges" (own probe)
    r"\b(?:customer|client|patient|member|user|guest|tenant)\s+(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)\b[^.!?\n]{0,40}\b(?:card|account|"
    r"address|phone|date of birth|dob|diagnos\w*|balance|disput\w*|complain\w*|debt|arrears)", re.IGNORECASE)
# More shapes from the second probe (seventeenth session): a threat of violence ("I swear I'll smash his car window");
# a security control switched off for everyone ("turning off MFA for the whole org"); a coin or token pumped ("our new
# coin will 10x by Friday, buy it now"); exam answers leaked; pirated software offered.
THREAT = re.compile(
    r"\b(?:i|we)(?:['’]ll| will| am going to|['’]m going to|['’]m gonna| swear i['’]ll| swear i will)\s+(?:\w+\s+){0,2}?"
    r"(?:smash|punch|hit|kill|hurt|stab|beat|slap|strangle|shoot|key|slash|torch|burn down|break)\s+"
    # a person or what is theirs, not "my marathon record" or "the deadline"
    r"(?:him|her|them|you|his|their|your|that (?:guy|man|woman|idiot|prick)|someone|somebody|(?-i:[A-Z][a-z]+)['’]s)\b",
    re.IGNORECASE)
SECURITY_OFF = re.compile(
    r"\b(?:turn(?:ing|ed)?|switch(?:ing|ed)?|shut(?:ting)?)\s+off\s+(?:the\s+)?(?:mfa|2fa|two[- ]factor(?: authentication)?|"
    r"multi[- ]factor(?: authentication)?|the firewall|firewall|antivirus|anti-virus|encryption|audit logging|logging|backups|"
    r"endpoint protection|edr)\b[^.!?\n]{0,40}\b(?:whole|entire|all|every(?:one|body)?|company|org\w*|for good|permanently)\b|"
    r"\b(?:disabl(?:e|ed|ing))\s+(?:the\s+)?(?:mfa|2fa|two[- ]factor(?: authentication)?|multi[- ]factor(?: authentication)?|"
    r"firewall|antivirus|encryption|audit logging|backups)\s+(?:for\s+)?(?:the\s+)?(?:whole|entire|all|every(?:one|body)|company|org\w*)\b",
    re.IGNORECASE)
COIN_PUMP = re.compile(
    r"\b(?:coin|token|crypto|nft|memecoin)s?\b[^.!?\n]{0,40}\b(?:will|is going to|gonna)\s+(?:\d+x|moon|pump|double|triple)\b|"
    r"\b(?:buy|grab|load up on|get in on)\b[^.!?\n]{0,30}\b(?:coin|token)s?\b[^.!?\n]{0,30}\bbefore (?:the )?(?:listing|launch|pump)\b|"
    r"\b(?:coin|token)s?\b[^.!?\n]{0,30}\b\d+x\b[^.!?\n]{0,60}\bbuy\b|\bbuy\b[^.!?\n]{0,30}\bbefore the listing\b", re.IGNORECASE)
EXAM_LEAK = re.compile(
    r"\b(?:leak\w*|shar\w*|post\w*|sell\w*|sold|sent|send\w*)\b(?:(?!\b(?:practice|sample|mock|past)\b)[^.!?\n]){0,25}"
    r"\b(?:answers?|answer key|questions|solutions)\b[^.!?\n]{0,25}\b(?:exam|test|certification|assessment|quiz|interview)\b",
    re.IGNORECASE)
PIRACY = re.compile(
    r"\b(?:cracked|pirated|warez|keygen|nulled)\b[^.!?\n]{0,30}\b(?:version|copy|copies|software|photoshop|windows|office|"
    r"adobe|app|game|key)\b|\b(?:torrent|crack)\b[^.!?\n]{0,30}\b(?:photoshop|windows|office|adobe|autocad|matlab|"
    r"software|licen[cs]e)\b", re.IGNORECASE)
# Spread it before it is taken down: "Share this before they delete it!" — the mark of a rumour or misinformation
# (wild2's vaccine-microchip post; it had been escalated by chance, "share … before" read as trading shares).
SPREAD_BEFORE_DELETED = re.compile(
    r"\b(?:share|spread|repost|retweet|forward|copy|screenshot|save)\b[^.!?\n]{0,20}\bbefore (?:they|it|this|the \w+)\b"
    r"[^.!?\n]{0,25}\b(?:delete[sd]?|deleting|take[sn]? (?:it |this )?down|taken down|remove[sd]?|removing|censor\w*|scrub\w*|"
    r"bury|buries|hide[sd]?|gone|deny|denies|cover (?:it|this) up)\b", re.IGNORECASE)
# Safety defeated: "keep working even if it goes off for real", "prop the fire door open", "disable the smoke detector".
SAFETY_OVERRIDE = re.compile(
    r"\b(?:disable|switch off|turn off|tape over|cover up|cover|prop open|prop|wedge|block|unplug)\s+(?:the\s+|all the\s+)?"
    r"(?:fire|smoke|safety|carbon monoxide|gas)\s+(?:alarms?|detectors?|exits?|doors?|sensors?|guards?|interlocks?)\b|"
    r"\b(?:keep working|stay (?:at your desks?|inside|put)|don.?t (?:leave|evacuate)|ignore it)\b.{0,40}\b(?:even if|even when)\b"
    r".{0,30}\b(?:alarm|fire|it goes off|goes off)\b", re.IGNORECASE)

# The working details of a security hole that is not fixed yet ("here's the full proof-of-concept for the unpatched
# RCE"): published before a fix, they arm attackers; they go to the disclosure process, not a post (wild17).
_EXPLOIT = r"(?:proof[- ]of[- ]concept|poc|exploit(?: code| chain)?|payload|repro(?:duction)? steps|steps to reproduce)"
VULN_DETAILS = re.compile(rf"\b(?:{_EXPLOIT}|write-?up)s?\b.{{0,80}}\b(?:unpatched|unfixed|not (?:yet )?(?:patched|fixed)|"
                          rf"zero-?days?|0-?days?|undisclosed)\b|\b(?:unpatched|unfixed|undisclosed|zero-?day|0-?day)\b.{{0,80}}"
                          rf"\b{_EXPLOIT}\b", re.IGNORECASE)
# Text an AI tool wrote, used as it came ("had ChatGPT draft the whole discussion and pasted it straight in", "PR
# description written by Claude, I just pasted it in"): the writer vouches for words nobody read (wild13, wild17).
_AI_TOOL = (r"(?:chat-?gpt|gpt-?\d\w*|an? llm|llms?|claude|copilot|gemini|bard|an? ai(?: tool| assistant| model)?|"
            r"the ai)")
_USED_UNREAD = (r"(?:paste\w*|copy-?paste\w*|straight (?:in|into)|as[- ]is|verbatim|word for word|unedited|without (?:reading|"
                r"checking|editing|changing|reviewing|any review)|didn.?t (?:read|check|edit|change))")
AI_UNREVIEWED = re.compile(rf"\b{_AI_TOOL}\b[^.!?\n]{{0,60}}\b(?:draft\w*|wr[io]te|written|generat\w*)\b[^.!?\n]{{0,80}}"
                           rf"\b{_USED_UNREAD}|\b(?:wr[io]te|written|drafted|generated) (?:the |my |our |a |an )?(?:whole|entire|"
                           rf"full|complete)\b[^.!?\n]{{0,60}}\b(?:with|using|in|by) {_AI_TOOL}\b|\b(?:written|generated|drafted) (?:entirely |all |fully )?by {_AI_TOOL}\b"
                           rf"[^.!?\n]{{0,60}}\b{_USED_UNREAD}", re.IGNORECASE)
# Sharing what is under embargo before it lifts ("Embargoed until Thursday 2pm but sharing early", "breaking the
# embargo"): an embargo is a promise the organisation made to journalists and publishers (wild17).
EMBARGO_BREAK = re.compile(r"\bembargo(?:ed)?\b[^.!?\n]{0,60}\b(?:but|anyway|early|can.?t wait|sneak peek|"
                           r"before it lifts)\b|\b(?:break(?:ing)?|broke|ignor(?:e|ing)|jump(?:ing)?|skip(?:ping)?) "
                           r"(?:the |this |an? )?embargo\b", re.IGNORECASE)
BRIBE = re.compile(r"\b(?:speed-?up fee|facilitation (?:fee|payment)|kickbacks?|backhanders?|grease (?:his|her|their|the) palms?|"
                   r"sweeten(?:ed)? the deal with (?:cash|a gift)|paid (?:\w+ ){0,3}under the table)\b|"
                   r"\b(?:bribe[ds]?|bribing)\b.{0,40}\b(?:official|inspector|customs|procurement|client|deal|contract|permit|"
                   r"tender|buyer|regulator|police)s?\b|\b(?:official|inspector|customs|procurement|client|buyer|regulator)s?\b"
                   r".{0,40}\b(?:bribe[ds]?|bribing)\b", re.IGNORECASE)
ILLEGAL_SALE = re.compile(r"\b(?:selling|sell|dealing|for sale|dm (?:me )?for prices)\b.{0,40}\b(?:weed|cannabis|cocaine|coke|mdma|"
                          r"adderall|xanax|oxy(?:contin|codone)?|pills|fake ids?|counterfeit)\b|\b(?:weed|cocaine|mdma|adderall|xanax)\b"
                          r".{0,40}\b(?:dm (?:me )?for prices|discreet shipping|for sale)\b", re.IGNORECASE)
CARRIED_RECORDS = re.compile(r"\b(?:usb(?: stick| drive| key)?|memory stick|thumb ?drive|pen ?drive|external (?:hard )?drive|"
                             r"personal laptop)\b.{0,20}\b(?:full of|with|containing|of)\b.{0,20}\b(?:\w+ )?(?:records|case files|"
                             r"patient data|customer data|personal data|files on (?:people|clients|customers))\b|"
                             # "taking the customer database home on a USB stick" (own probe)
                             r"\b(?:customer|client|patient|user|member|staff|employee|hr|payroll|student)s?['’]?\s+(?:database|db|"
                             r"records|data|list|files)\b.{0,30}\b(?:home|usb|memory stick|thumb ?drive|pen ?drive|personal "
                             r"(?:laptop|device|phone|e-?mail|gmail|drive|dropbox))\b", re.IGNORECASE)
SELF_DEALING = re.compile(r"\b(?:award(?:ing)?|giv(?:e|ing)|steer(?:ing)?|sign(?:ing)?) (?:the |a |an |our )?(?:[\w-]+ ){0,2}"
                          r"(?:contract|deal|tender|grant) to my (?:own |wife.s |husband.s |brother.s |sister.s |partner.s |dad.s |mum.s )?"
                          r"(?:company|firm|business|startup|agency)\b", re.IGNORECASE)
DISCLOSED = re.compile(
    r"#(?:employee|disclosure|ad|sponsored)\b|\bdisclos\w+\b|\bI work (?:at|for|with|on|here|there)\b|\bmy (?:own )?(?:views|opinions)\b|"
    r"\bviews (?:are )?(?:my own|mine)\b|\bopinions (?:are )?my own\b|\b(?:i.m|i am) (?:an? |the )?[\w -]{2,30} (?:at|for)\b|"
    r"\bmy employer\b|\b(?:full )?disclosure\b|\bwhere I work\b|\bmy (?:company|team|colleagues) (?:built|make|makes|made)\b|"
    r"\b(?:i|we) (?:built|make|made|work on) (?:it|this)\b|\bbias alert\b|\bi.m biased\b|\bproud (?:to work|employee)\b|"
    r"\b(?:employee|intern|internship|contractor|staff|worked|working|career|job) (?:at|for|with)\b|\b(?:an?|as an?) [\w ]{0,25}"
    r"(?:employee|intern|staffer)\b|\bnot (?:employed|paid|sponsored) by\b|\bmy (?:first|last) (?:day|week|month|year)s? at\b|"
    r"\b(?:joined|joining|left|leaving)\b|^RT\b",
    re.IGNORECASE)
OFFICIAL = re.compile(
    r"\b(?:official|officially|published|public(?:ly)?|press)\b.{0,60}\b(?:release|announcement|announced|statement|results|news|"
    r"blog|page|post)\b|\b(?:release|announcement|statement|results)\b.{0,40}\b(?:published|official|is (?:out|live|here)|"
    r"are (?:out|here))\b(?!\s+(?:in|on|next|soon|by)\b)|\bas (?:announced|published) (?:today|yesterday|this week|on|in|by|at)\b|"
    r"\bannounce\w?\b.{0,30}\b(?:this morning|yesterday|last week|earlier)\b|"
    r"\b(?:announced|published|made public|went public|press release)\b.{0,30}\b(?:today|this morning|yesterday|last week|"
    r"earlier|on (?:monday|tuesday|wednesday|thursday|friday))\b", re.IGNORECASE)


# Trading on what you know: a stock word or a cashtag next to a trade verb.
TRADE = re.compile(r"\$[A-Z]{2,5}\b|\b(?:buy|buying|bought|sell|selling|sold|hold|holding|dump|short|load up on|grab|"
                   r"calls|puts|options)\b.{0,40}\b(?:shares?|stocks?|equity|calls|puts|options)\b|"
                   # "share" as a noun, not the verb: "Can't share details until the camera-ready is out" (new user)
                   r"\b(?:shares|stocks?|(?:the|our|my|their|company|\d+)\s+share)\b.{0,40}\b(?:before|after|until|ahead of)\b",
                   re.IGNORECASE)
# "Selling QGIS stickers" names goods, not a ticker: an acronym followed by a plural noun other than shares is an
# organisation's name on its merchandise (wild13).
TICKER_TRADE = re.compile(r"\b(?:[Ll]ong|[Ss]hort|[Cc]alls on|[Pp]uts on|[Bb]uy(?:ing)?|[Ss]ell(?:ing)?|[Ll]oad up on)\s+\$?[A-Z]{2,5}\b"
                          r"(?!\s+(?!shares\b|stocks\b|calls\b|puts\b|options\b)[a-z][\w-]*s\b)")
# A headcount or count change written with a sign: "+120 engineers", "-15% staff"
SIGNED = re.compile(r"(?<![\w+-])[+-]\d[\d,.]*(?!\d)")
# Accusing a named company or person of wrongdoing: defamation, not just rudeness.
ACCUSATION = _words(r"liars?", r"thie(?:f|ves)", r"lying", r"lies", r"lied", r"fraud\w*", r"plagiari\w+", r"illegal\w*", r"breaking (?:the law|gdpr|the rules)",
                    r"scam\w*", r"cheat\w*", r"crooks?", r"corrupt\w*", r"stole", r"stealing", r"bribe\w*", r"criminal",
                    r"dead in (?:a|one|two|three|\d+) (?:years?|months?)", r"going under", r"bankrupt\w*", r"got fired")
# Something of ours failing: an incident, whoever words it.
FAILURE = _words(r"500s?", r"errors?", r"went sideways", r"went down", r"took down", r"broken", r"broke", r"outage",
                 r"down for", r"failing", r"failed", r"crash\w*", r"login problems", r"can.t log ?in", r"data loss",
                 r"lost (?:customer )?data", r"rolled back", r"rollback", r"incident", r"bug", r"billing error",
                 r"(?:being|running|very|really) slow", r"slowness", r"degraded", r"laggy")
OURS = re.compile(r"\b(?:on our (?:side|end)|it.s us|it was us|our (?:fault|side|end|api|app|platform|servers?|systems?|"
                  r"database|db|service|deploy\w*|release|sso|login|exports?|billing|scheduler|pipelines?|jobs|reports|site|website|checkout|"
                  r"network|integrations?|migrations?)|we (?:broke|took down|lost|pushed)|that.s on (?:me|us)|my bad|"
                  r"we.re (?:on it|looking into it|investigating|working on a fix))\b",
                  re.IGNORECASE)
LEGAL = _words(r"investigat\w+ (?:us|the company|our)", r"(?:competition|antitrust|data protection|privacy) (?:authority|regulator)",
               r"patent (?:case|suit|lawsuit|dispute)", r"witness", r"(?:legal|litigation) hold",
               r"preserve (?:all )?(?:\w+ )?(?:emails|documents|records|files|messages)", r"dispute (?:coming|brewing|ahead)", r"subpoena\w*", r"deposition", r"[a-z]{3,} v\. [a-z]{3,}", r"[a-z]{3,} vs\. [a-z]{3,} (?:case|lawsuit|trial)")
MEDIA = re.compile(r"\b(?:quoted|interviewed|featured|spoke|talked|speaking)\s+(?:in|by|to|with|for)\b.{0,40}"
                   r"\b(?:journal|times|news|weekly|daily|magazine|post|gazette|tribune|podcast|reporter|journalist|"
                   r"press|paper|newspaper|tv|radio|bbc|cnn|reuters|bloomberg|techcrunch|wired)\b|"
                   r"\b(?:journal|times|news|weekly|daily|magazine|reporter|journalist)\b.{0,30}\b(?:interviewed|quoted)\s+me\b|"
                   r"\b(?:help|comment|background|quote)\w*\b.{0,30}\bfor (?:your|the|their) (?:piece|article|story|column|feature|"
                   r"segment|report)\b|"
                   r"\banalysts? (?:from|at)\b.{0,60}\b(?:asked me|for (?:their|a|an|the) (?:upcoming )?(?:report|survey|ranking))\b",
                   re.IGNORECASE)
INTERNAL_ARTEFACT = re.compile(
    r"\b(?:internal|private|confidential|non-?public|proprietary|unreleased|unannounced|pre-?release|embargoed)\s+(?:\w+\s+){0,2}?(?:repo|repository|codebase|source code|"
    r"data ?set|database|docs?|document|wiki|deck|slides|roadmap|pricing|numbers|dashboard|channel|slack|code|"
    r"spreadsheet|sheet|memo|plan|figures|metrics|demo|build|beta)s?\b(?!\s+(?:day|days|night|event|session|party|meetup)\b)|\bpricing sheet\b|\bbudget doc\w*\b|\b(?:shh+|🤫)|"
    r"\b(?:code ?name|internal name|project name)\b|"
    r"\b(?:hr|payroll|finance|board|exec|leadership)\s+(?:sheet|spreadsheet|doc|document|deck|slides|memo|dashboard)s?\b|"
    r"\b(?:open[- ]sourc\w+|sharing|posting|publishing|uploading|pasting)\s+(?:\w+\s+)?internal\b|"
    r"\b(?:recording|video|notes|minutes)\s+(?:of|from)\s+(?:the |today.s |yesterday.s |this week.s |our |last week.s )?"
    r"(?:all[- ]hands|town ?hall|internal meeting|board meeting|staff meeting|leadership offsite)\b",
    re.IGNORECASE)
# A data file's name: a database dump, a table or a spreadsheet ("members-2025.csv", "county-db.sql.gz").
DATA_FILE = r"\.(?:sql|csv|tsv|xlsx?|bak|dump|parquet|sqlite|db)(?:\.gz|\.zip|\.bz2)?"
# People's records taken out of a system: an export, a dump or a list of customers, users, applicants...,
# or a data file. Synthetic or anonymised data is not.
DATA_EXPORT = re.compile(
    r"\b(?:database|db|customer|user|client|applicant|member|patient|employee|staff|student|subscriber)s?(?:'s|’s|s')?"
    r"\s+(?:\w+\s+)?(?:export|dump|extract|backup|spreadsheet|records|table)s?\b|"
    r"\b(?:export|dump|extract|backup)\s+of\s+(?:the\s+|our\s+|all\s+)?(?:\w+\s+)?(?:database|db|customers?|users?|clients?|"
    r"applicants?|members?|patients?|employees?)\b|"
    # "Exported every member email", "scraped all our users' phone numbers": a bulk copy of people's contact details
    r"\b(?:export|dump|download|scrap|pull|extract|harvest|copi|copy)(?:ed|e|s|ing)?\s+(?:every|all|each)\s+"
    r"(?:(?:of\s+)?(?:our|the)\s+)?(?:[\w-]+\s+)?(?:member|customer|user|client|applicant|patient|employee|staff|student|"
    r"subscriber|attendee|donor|contributor)s?(?:'s|’s|s'|’)?\s+(?:e-?mails?|email address(?:es)?|address(?:es)?|phone numbers?|"
    r"numbers?|records?|details|data|contacts?|names?)\b|"
    rf"[\w/.-]+{DATA_FILE}\b", re.IGNORECASE)
_CREDENTIAL_NOUN = (r"(?:passwords?|passphrases?|api[ _-]?keys?|secret keys?|access keys?|private keys?|ssh keys?|"
                    r"(?:access |auth |api |bearer )?tokens?|credentials|secrets|keys)")
# A credential said to be somewhere it shouldn't be, with no value given: "config.yml still has the live database
# password in it", "pushed our production database password to the public repo" (wild7, wild13). The value need not
# be in the post for the secret to be exposed.
SECRET_EXPOSED = re.compile(
    rf"\b(?:live|real|prod(?:uction)?|actual|admin|root|master|database|db|aws|stripe|github|service)\s+(?:\w+\s+)?"
    rf"{_CREDENTIAL_NOUN}\b[^.!?\n]{{0,60}}\b(?:in (?:it|there|the (?:repo|code|config|readme|commit|history|notebook|"
    rf"script|file))|committed|pushed|hard-?coded|checked in|left in|in plain ?text|public)\b|"
    rf"\b(?:committed|pushed|hard-?coded|checked in|left|uploaded|pasted)\s+(?:\w+\s+){{0,3}}{_CREDENTIAL_NOUN}\b[^.!?\n]{{0,40}}"
    rf"\b(?:repo|github|gitlab|code|config|readme|public|commit|pastebin|gist)\b|"
    rf"\bstill (?:has|contains|includes)\s+(?:the |our |a |my )?(?:\w+\s+){{0,2}}{_CREDENTIAL_NOUN}\b", re.IGNORECASE)
# Advice about secrets is not an exposed one: "never commit API keys", "make sure the repo doesn't still have ...";
# nor is a story from long ago ("I pushed my own test API key to a public repo back in 2015. Lesson learned").
SECRET_ADVICE = _words(r"never", r"don.?t", r"do not", r"make sure", r"remember", r"avoid", r"double-check", r"check that",
                       r"before you", r"how to", r"tips?", r"back in (?:19|20)\d\d", r"years ago", r"lessons? learn(?:ed|t)")
_PERSONAL_FIELD = r"(?:names?|e-?mails?|e-?mail addresses|phone numbers?|addresses|dates? of birth|birthdays|nhs numbers?|ssns?|social security numbers?)"
# Asking people for their credentials ("reply with your username and password", "DM our bot your account token",
# "send us the 6-digit code we just texted you", wild19): how accounts are stolen, whoever asks.
_ONE_TIME_CODE = r"(?:(?:\d-digit|one-time|verification|login|security|2fa|mfa|sms|otp)\s+)+(?:codes?|pins?)|pins?|seed phrases?|recovery phrases?"
CREDENTIAL_REQUEST = re.compile(
    r"\b(?:send|dm|message|e-?mail|text|reply with|respond with|give|tell|share|paste|post|drop|enter|type)\s+"
    r"(?:(?:me|us|our bot|the bot|[\w-]+bot)\s+)?(?:with\s+)?(?:your|ur|the)\s+(?:\w+\s+){0,2}"
    rf"(?:{_CREDENTIAL_NOUN}|{_ONE_TIME_CODE})\b", re.IGNORECASE)
# Someone else using your account: "can you log in as me?", "just use my login while I'm out" (new user, seventeenth
# session): accounts are personal, whatever the guidelines' wording.
ACCOUNT_SHARING = re.compile(
    r"\b(?:log|sign)\s?(?:in|on) (?:as|with) me\b|\b(?:use|borrow|take|have) my (?:login|account|log-?in|credentials|password|"
    r"badge|access card)\b|\b(?:share|sharing|lend|lending|swap|swapping) (?:my|your|our) (?:login|account|log-?in|credentials|"
    r"password|passwords)\b(?! (?:with )?(?:nobody|no one))", re.IGNORECASE)
# People's data passed on or sold: "we share members' health questions with insurance partners", "the scraped
# messages are now available for purchase", "pulled the email addresses of everyone who used the bot" (wild19).
_PEOPLE = (r"(?:members|users|customers|patients|clients|subscribers|students|employees|players|visitors|people|kids|children|"
           r"minors|listeners|readers|donors|volunteers|residents|citizens|participants|applicants|candidates|guests|shoppers|"
           r"followers)")
PEOPLE_DATA_PASSED = re.compile(
    rf"\b{_PEOPLE}['’]?\s+(?:[\w-]+\s+){{0,2}}(?:data|details|questions|messages|records|history|information|profiles|"
    r"conversations|chats|e-?mails?|locations?|logs|usage|contacts|addresses|phone numbers)\b[^.!?\n]{0,80}\b(?:shar\w*|pass\w*|sell\w*|sold|send\w*|sent|giv\w*|"
    r"gave|hand\w*|licen[cs]\w*)\b[^.!?\n]{0,40}\b(?:insurers?|insurance|advertisers?|(?:data )?brokers?|third[- ]part(?:y|ies)|"
    r"partners?|sponsors?|marketers?|buyers?)\b|"
    r"\b(?:scrap|harvest|pull|export|collect|download|copi|copy)(?:ed|e|s|ing)?\s+(?:(?:the|all the|all)\s+)?"
    r"(?:e-?mail address(?:es)?|e-?mails|phone numbers|(?:private\s+|direct\s+)?messages|dms|profiles|contact details|"
    r"personal data)\s+of\s+(?:every(?:one|body)?|all|each|our|the)\b|"
    r"\bscrap(?:ed|ing|e)\s+(?:[\d.,]+\s*(?:k|m|million|thousand)?\s+)?(?:public\s+)?(?:[\w-]+\s+)?(?:messages|posts|profiles|"
    r"comments|tweets|reviews|users|accounts|conversations)\b[^.!?\n]{0,120}\b(?:for sale|for purchase|sell\w*|buy\w*|"
    r"licen[cs]\w*|pricing|price)\b|"
    # a whole list copied out: "I exported all 40k emails and phone numbers, happy to share it" (own probe)
    r"\b(?:export|dump|pull|download|scrap|harvest|extract|copi|copy)(?:ed|e|s|ing)?\s+(?:all|every|the (?:full|whole|entire))\s+"
    r"(?:(?:of\s+)?(?:the|our)\s+)?(?:[\d.,]+\s*[km]?\s+)?(?:[\w'’-]+\s+)?(?:e-?mails?|e-?mail address(?:es)?|phone numbers?|"
    r"addresses|contact details|personal data|records|profiles)\b|"
    # sensitive data to those who profit from it: "allow sharing location data with insurers" (own probe)
    r"\b(?:shar|sell|sold|pass|hand|giv|licen[cs])\w*\s+(?:(?:their|our|users['’]?|customers['’]?|members['’]?|people['’]?s?)\s+)?"
    r"(?:location|health|medical|biometric|browsing|personal|genetic|financial)\s+(?:data|information|details|history|records)\b"
    r"[^.!?\n]{0,30}\b(?:with|to)\s+(?:the\s+|our\s+|their\s+)?(?:insurers?|insurance (?:companies|firms|partners)|advertisers?|"
    r"(?:data )?brokers?|marketers?|third[- ]part(?:y|ies))\b", re.IGNORECASE)
# "never", "won't", "do not": a promise not to, or advice against it
REFUSAL = _words(r"never", r"don.?t", r"do not", r"won.?t", r"will not", r"no longer", r"not allowed", r"must not", r"shouldn.?t")
# Asking people to upvote ("everyone at Meltano please go upvote it!", "upvote our post on r/selfhosted", wild11):
# organised voting breaks the rules of most sites that rank by votes, and hides who is voting.
VOTE_REQUEST = re.compile(
    r"\b(?:please|pls|plz|go|everyone|every\s?body|all of you|y['’]all|folks|team|guys|friends)\b[^.!?\n]{0,30}"
    r"\bup-?vot(?:e|ing)\b|\bup-?vote\s+(?:it|this|us|our|my|the (?:post|thread|story|submission|launch|answer))\b|"
    r"\bgive (?:it|us|this) an? up-?vote\b", re.IGNORECASE)
# Real people's details handled in bulk: "the real patient names", "the household survey (names, phone numbers,
# addresses)": two or more kinds of personal detail listed together are someone's records, whatever is done with them.
PEOPLE_RECORDS = re.compile(
    r"\b(?:real|actual|live)\s+(?:patient|customer|user|client|member|student|employee|staff|applicant|resident|citizen|"
    r"household|participant)s?['’]?\s+(?:names?|records?|data|details|e-?mails?|addresses|phone numbers|ids?|information)\b|"
    rf"\b{_PERSONAL_FIELD}\s*,\s*{_PERSONAL_FIELD}\b|"
    # "every farmer's name and farm address", "each client's name and phone number" (wild21): everyone's details
    r"\b(?:every|each|all)\s+(?:[\w-]+\s+)?[\w-]+(?:['’]s|s['’]|s)\s+(?:full\s+)?names?\s+(?:and|&|plus|with)\s+(?:[\w-]+\s+)?"
    r"(?:address(?:es)?|phone numbers?|e-?mails?|e-?mail address(?:es)?|dates? of birth|ids?)\b", re.IGNORECASE)
# A screenshot of a private conversation ("Screenshot from our private #sharing channel", "screen grab of the internal
# chat", wild21): what was said in private is not the writer's to publish.
PRIVATE_CHAT_SHOT = re.compile(
    r"\b(?:screenshots?|screen ?grabs?|screen ?shots?|screen ?caps?|captures?)\b[^.!?\n]{0,40}\b(?:private|internal|"
    r"confidential|locked|invite-only|leadership|staff-only)\s+(?:#?[\w-]+\s+){0,2}(?:channel|chat|group|dms?|thread|"
    r"slack|teams|conversation|meeting|workspace)s?\b", re.IGNORECASE)
# A picture of a child, a patient or a study participant ("[photo of an infant from today's study session]", wild21):
# their images need written consent (a parent's for a child), and research ethics usually forbid them. The writer's
# own children are theirs to share.
VULNERABLE_PICTURED = re.compile(
    r"[\[(](?:image|photo|picture|pic|video|gif)\s*(?:of|:)\s*(?!(?:my|our own)\b)(?:(?:a|an|the|our|one of (?:the|our))\s+)?"
    r"(?:[\w-]+\s+){0,2}(?:infants?|bab(?:y|ies)|child(?:ren)?|kids?|toddlers?|minors?|participants?|patients?|pupils?|"
    r"subjects?)\b|"
    # "Photo from the clinic waiting room, you can see the patients' faces and the names on the board" (own probe)
    r"\b(?:photos?|pictures?|pics?|videos?|selfies?|snaps?|footage|shots?)\b[^.!?\n]{0,80}\b(?:you can see|visible|showing|shows|"
    r"in the background|including)\b[^.!?\n]{0,20}?\b(?:patients|children|kids|pupils|participants|residents)['’]?\s+"
    r"(?:faces|names|records|charts|files|notes)\b|"
    r"\b(?:photos?|pictures?|pics?|videos?|selfies?|snaps?|footage|shots?)\b.{0,80}?\b(?:patients|children|kids|pupils|"
    r"participants|residents)['’]?\s+(?:faces|names|records|charts|files|notes)\s+(?:are|is|were)\s+(?:all\s+|clearly\s+|still\s+)?"
    r"(?:visible|readable|showing|in (?:the )?(?:shot|frame|picture))\b", re.IGNORECASE)
# A required review or sign-off skipped or given to oneself: "Skipped the Form 1 and all that", "I signed it off myself
# since I wrote it" (wild13). Guidelines that ask for someone else's approval are broken by saying so.
BYPASSED_APPROVAL = re.compile(
    r"\b(?:skipp(?:ed|ing)|bypass(?:ed|ing)?|ignor(?:ed|ing)|dodg(?:ed|ing)|without (?:bothering with|waiting for|going through|"
    r"filing|getting))\s+(?:the\s+|a\s+|all\s+|any\s+)?(?:\w+\s+){0,2}(?:review|approval|sign-?off|form|clearance|"
    r"paperwork|opsec|security review)s?\b|"
    r"\b(?:signed|approved|cleared|reviewed) (?:it|this|them) (?:off )?myself\b|\b(?:approved|signed off) my own\b", re.IGNORECASE)
# One's own product, account or edition presented as the organisation's official one, or as endorsed by it: "the
# official QGIS handbook for professionals", "@QGIS_Official_Support", "officially endorsed by OWASP" (wild2, wild6,
# wild13). The official release, announcement or documentation is what people should point to, not a claim.
OFFICIAL_CLAIM = re.compile(
    r"\b[Tt]he official (?:[A-Z][\w.-]+ ){1,2}(?!release|announcement|press|careers|documentation|docs|incident|answer|place|"
    r"statement|blog|site|website|account|page|twitter|x\b|instagram|linkedin|channel|feed|handle|news|results)[a-z]+\b|"
    r"\bofficially (?:endorsed|certified|approved|sanctioned|licensed|recogni[sz]ed) by\b|"
    r"(?<![\w.])@(?:\w+_)?[Oo]fficial(?:_\w+)?\b|(?<![\w.])@\w+_[Oo]fficial\w*")
# Who the clients are, or what each pays: "the full list of Leaf's clients and the day rate each one pays us",
# "our customer list", "every client's rate". A client list and client pricing are the company's confidential
# business, whether or not a figure is given (wild11).
CLIENT_LIST = re.compile(
    r"\b(?:(?:full|complete|entire|whole)\s+)?list\s+of\s+(?:(?:all|every one)\s+(?:of\s+)?)?(?:[Oo]ur|the company['’]s|[A-Z]\w+['’]s)"
    r"\s+(?:\w+\s+)?(?:clients|customers|accounts)\b(?!['’])|"
    r"\b(?:[Oo]ur|the company['’]s|[A-Z]\w+['’]s)\s+(?:full\s+|complete\s+|entire\s+)?(?:client|customer)\s+(?:list|roster|book)\b|"
    r"\b(?:what\s+|the\s+(?:\w+\s+)?(?:rate|price|fee)s?\s+)?(?i:each|every)\s+(?:one|client|customer|account)\s+(?:of\s+them\s+)?pays\b|"
    r"\b(?i:each|every)\s+(?:client|customer)['’]s\s+(?:day\s+|hourly\s+)?(?:rates?|prices?|fees?|contract\s+values?)\b")
SYNTHETIC = _words(r"synthetic", r"anonymi[sz]ed", r"fake", r"dummy", r"made-up", r"fictional", r"generated", r"mock")
# A street address: a house number, a name and a street word ("14 Oak Lane", "221B Baker Street").
STREET_ADDRESS = re.compile(
    r"(?<![\w.,:/-])\d{1,5}[A-Za-z]?,? (?:[A-Z][a-z]+[ -]){1,3}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Drive|Dr|Close|Way|"
    r"Court|Ct|Place|Pl|Crescent|Terrace|Boulevard|Blvd|Gardens|Grove|Row|Mews|Square|Sq|Hill|Park)\b\.?")
# Whose place it is: a person's home, not a shop, an office or a venue.
HOME = _words(r"(?<!\bmy )(?<!\bour )(?:house|home|flat|apartment)", r"lives", r"living", r"address", r"someone called",
              r"neighbou?rs?")  # "my house" is the writer's own
PLACE_OF_BUSINESS = _words(r"office", r"hq", r"headquarters", r"store", r"shop", r"branch", r"venue", r"caf[eé]", r"restaurant",
                           r"pub", r"bar", r"hotel", r"studio", r"warehouse", r"depot", r"site", r"campus", r"clinic",
                           r"meetup", r"event", r"conference", r"hall", r"library", r"museum", r"gallery", r"church")
PERSONAL_DATA_SHOWN = re.compile(
    r"\b(?:names?|emails?|e-mail addresses|phone numbers?|addresses|order numbers?|account numbers?|ids|dates of birth)\b"
    r".{0,40}\b(?:visible|showing|readable|shown|in (?:the )?(?:shot|pic|photo|screenshot))\b|\broom \d+\b.{0,40}\bvisitors?\b|"
    r"\b(?:table|list|spreadsheet|sheet|export|csv)\s+(?:with|of|including)\s+(?:\w+\s+)?(?:names|emails|addresses|phone numbers|"
    r"salaries|dates of birth)\b",
    re.IGNORECASE)
RESULT_STATE = re.compile(
    r"\b(?:we|we.re|we are|we.ll|the company|our (?:company|business|team|division|quarter|numbers|year))\b.{0,30}\b(?:"
    r"profitable|unprofitable|in the red|in the black|losing money|burning cash|miss(?:ed|ing)? (?:the |our )?(?:numbers|target|"
    r"forecast|quarter|plan)|beat (?:the |our )?(?:numbers|target|forecast|plan)|in the bag)\b|"
    r"\b(?:quarter|year|numbers)(?:.s| is| are)? (?:gonna |going to |about to |set to )?(?:miss|beat|smash|crush|in the bag)\b",
    re.IGNORECASE)


@dataclass
class Features:
    """Every span found in a draft, by kind, plus the entities (organisations, people) found."""

    text: str
    sentences: list[tuple[int, int]]
    spans: dict[str, list[Span]] = field(default_factory=dict)
    entities: Entities | None = None
    prose: str = ""  # the text with its links blanked out, same length: what the patterns read

    def __post_init__(self) -> None:
        if not self.prose:
            # Addresses are judged by bot/judgeable.py; their path words ("news/q3-2026") are not prose.
            self.prose = URL.sub(lambda m: " " * len(m.group(0)), self.text)

    def of(self, kind: str) -> list[Span]:
        return self.spans.get(kind, [])

    def sentence_of(self, span: Span) -> tuple[int, int]:
        return next(((a, b) for a, b in self.sentences if a <= span.start < b), (0, len(self.text)))

    def in_sentence(self, span: Span, kind: str) -> bool:
        """Whether a span of `kind` starts in the sentence that holds `span`."""
        start, end = self.sentence_of(span)
        return any(start <= other.start < end for other in self.of(kind))

    def near(self, span: Span, kind: str, window: int = 60, same_sentence: bool = True) -> Span | None:
        """The nearest span of `kind` within `window` characters of `span` (in the same sentence by default)."""
        lo, hi = self.sentence_of(span) if same_sentence else (0, len(self.text))
        best, gap_best = None, window + 1
        for other in self.of(kind):
            if other.start < lo or other.end > hi or other is span:
                continue
            gap = max(other.start - span.end, span.start - other.end, 0)
            if gap < gap_best:
                best, gap_best = other, gap
        return best

    def excerpt(self, *spans: Span, limit: int = 200) -> str:
        """The sentence holding the spans (bounded), as the person wrote it."""
        lo = min(s.start for s in spans)
        hi = max(s.end for s in spans)
        a, b = self.sentence_of(spans[0])
        a, b = min(a, lo), max(b, hi)
        if b - a > limit:
            a = max(a, lo - 60)
            b = min(b, max(hi + 60, a + limit))
        return self.text[a:b].strip()


# A web address, in prose or a link: with a scheme or www., or a bare host with a path ("youtu.be/q8Zr2",
# "investors.brightwater.example/q1"), the way people paste links in posts; a path is required so that
# "Node.js" or "e.g." are not addresses.
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"']+|(?<![\w@/.-])(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>()\"']*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…。！？])\s+|\n+|\s+[-–—]\s+")


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            out.append((start, match.start()))
        start = match.end()
    if start < len(text):
        out.append((start, len(text)))
    return out or [(0, len(text))]


_KINDS = {
    "business": BUSINESS, "money": MONEY, "percent": PERCENT, "change": CHANGE, "number": NUMBER, "future": FUTURE,
    "announce": ANNOUNCE, "role": PERSON_ROLE, "family": FAMILY, "health": HEALTH, "hr": HR, "screen": SCREEN,
    "photo": PHOTO, "voice": COMPANY_VOICE, "client_business": CLIENT_BUSINESS, "charity": CHARITY, "forward": FORWARD, "negative": NEGATIVE, "competitor": COMPETITOR,
    "management": MANAGEMENT, "praise": PRAISE, "evaluation": EVALUATION, "product": PRODUCT, "trade": TRADE, "ticker_trade": TICKER_TRADE, "signed": SIGNED, "accusation": ACCUSATION,
    "failure": FAILURE, "ours": OURS, "legal": LEGAL, "media": MEDIA, "internal": INTERNAL_ARTEFACT,
    "shown_personal": PERSONAL_DATA_SHOWN, "result_state": RESULT_STATE, "disclosed": DISCLOSED, "official": OFFICIAL,
    "consent": CONSENT, "no_consent": NO_CONSENT, "tagged": TAGGED, "people_ref": PEOPLE_REF, "colleague_named": COLLEAGUE_NAMED,
    "team_context": TEAM_CONTEXT, "pointed_person": POINTED_PERSON, "reuse": REUSE, "work": WORK, "no_credit": NO_CREDIT,
    "political": POLITICAL, "as_employee": AS_EMPLOYEE, "company_belief": COMPANY_BELIEF, "company_account": COMPANY_ACCOUNT, "demeaning": DEMEANING, "discriminatory_hiring": DISCRIMINATORY_HIRING, "minor_identified": MINOR_IDENTIFIED, "data_fraud": DATA_FRAUD, "classified": CLASSIFIED, "health_claim": HEALTH_CLAIM, "medical_advice": MEDICAL_ADVICE, "cover_up": COVER_UP, "paid_review_offer": PAID_REVIEW_OFFER, "safety_override": SAFETY_OVERRIDE, "customer_named": CUSTOMER_NAMED, "spread_before_deleted": SPREAD_BEFORE_DELETED, "threat": THREAT, "security_off": SECURITY_OFF, "coin_pump": COIN_PUMP, "exam_leak": EXAM_LEAK, "piracy": PIRACY,
    "bribe": BRIBE, "harmful": HARMFUL, "illegal_sale": ILLEGAL_SALE, "carried_records": CARRIED_RECORDS, "self_dealing": SELF_DEALING,
    "anonymous": ANONYMOUS, "gift": GIFT, "fiction": FICTION, "concealed": CONCEALED, "review_request": REVIEW_REQUEST, "customer_pose": CUSTOMER_POSE,
    "commitment": COMMITMENT, "guarantee": GUARANTEE, "teaser": TEASER, "putdown": PUTDOWN, "profanity": PROFANITY, "merch_sale": MERCH_SALE, "trademark_filing": TRADEMARK_FILING, "logo_pairing": LOGO_PAIRING, "org_endorsement": ORG_ENDORSEMENT, "insult": INSULT, "role_noun": ROLE_NOUN,
    "workplace_ref": WORKPLACE_REF, "frustration": FRUSTRATION, "made_public": MADE_PUBLIC, "business_gift": BUSINESS_GIFT,
    "street_address": STREET_ADDRESS, "home": HOME, "place_of_business": PLACE_OF_BUSINESS,
    "data_export": DATA_EXPORT, "synthetic": SYNTHETIC, "client_list": CLIENT_LIST, "secret_exposed": SECRET_EXPOSED, "vuln_details": VULN_DETAILS, "ai_unreviewed": AI_UNREVIEWED, "embargo_break": EMBARGO_BREAK,
    "secret_advice": SECRET_ADVICE, "credential_request": CREDENTIAL_REQUEST, "account_sharing": ACCOUNT_SHARING, "vote_request": VOTE_REQUEST, "people_data_passed": PEOPLE_DATA_PASSED, "refusal": REFUSAL, "people_records": PEOPLE_RECORDS, "private_chat_shot": PRIVATE_CHAT_SHOT, "vulnerable_pictured": VULNERABLE_PICTURED, "bypassed_approval": BYPASSED_APPROVAL, "official_claim": OFFICIAL_CLAIM,
}


def extract(text: str, company: re.Pattern | None = None, nlp=None) -> Features:
    """All spans of every kind, and the organisations and people in the draft (NER when `nlp` is given)."""
    features = Features(text=text, sentences=_sentences(text))
    prose = features.prose
    for kind, pattern in _KINDS.items():
        features.spans[kind] = [Span(m.start(), m.end(), kind, m.group(0)) for m in pattern.finditer(prose)]
    entities = find_entities(prose, company, nlp)
    features.entities = entities
    features.spans["org"] = [Span(s, e, "org", text[s:e]) for s, e in entities.orgs]
    features.spans["person"] = [Span(s, e, "person", text[s:e]) for s, e in entities.people]
    features.spans["own"] = [Span(m.start(), m.end(), "own", m.group(0)) for m in company.finditer(prose)] if company else []
    return features
