"""Phrases the screen looks for, as regular expressions over lower-cased text.

Written for Between by its developer on 2026-11-23 from general knowledge of how people
describe suicidal thoughts and self-harm (plain statements, euphemisms, diary shorthand,
parts language). Not copied from any instrument or app. Each list is a category; the
engine in screen.py decides, clause by clause, whether a match is the writer's own,
current and meant.
"""

ME = r"(?:myself|ourselves|us)"
BODY = (r"(?:my |our )?(?:arms?|wrists?|legs?|thighs?|stomach|belly|skin|hands?|face|head|"
        r"body|chest|hips?)")
HARM_VERB = (r"(?:cut|cutting|burn(?:ed|t|ing)?|hit(?:ting)?|punch(?:ed|ing)?|"
             r"scratch(?:ed|ing)?|bit|bite|biting|bang(?:ed|ing)?|hurt(?:ing)?|harm(?:ed|ing)?|"
             r"stab(?:bed|bing)?|slap(?:ped|ping)?)")
# "cut" and friends in their everyday senses: cut my hair, cut down, cut costs, hit the gym.
NOT_HARM = (r"(?!\s+(?:my hair|hair|down|back|costs?|out|off|ties|corners|class|school|"
            r"the |a |some |it out|my target|target|the gym|traffic|in line|short|loose))")
DESIRE = (r"(?:want(?:ed|ing|s)?|wanna|urges?|urge to|need(?:ed)?|tempted|close|nearly|"
          r"almost|thinking about|thought about|think about|thoughts? of|feel like|"
          r"keep thinking about|can't stop thinking about|wish i could|itching)")
PILLS = (r"(?:pills|tablets|meds|medication|paracetamol|painkillers|sertraline|"
         r"antidepressants|sleeping pills)")

# Suicidal ideation: plain, passive and euphemistic.
IDEATION = [
    r"\bsuicid(?:e|al)\b",
    r"\bkill(?:ing|s|ed)? (?:myself|ourselves|us|himself|herself|themselves)\b"
    r"(?! (?:laughing|with laughter|trying|at work|to get|to finish|over (?:this|that|it)))",
    r"\bkms\b",
    r"\bunalive\b",
    r"\bend(?:ing)? (?:my life|it all|my own life|things|it)\b",
    r"\btak(?:e|ing) my (?:own )?life\b",
    r"\b(?:want(?:ed|ing|s)?|wanna|wish(?:ing)?|feel like|would rather|'d rather|rather)"
    r"(?: to)? (?:die|dying|be dead|being dead)\b",
    r"\bwant(?:ed|ing|s)? death\b",
    r"\b(?:wish|wished|wishing) (?:i|we) (?:was|were|could be) dead\b",
    r"\bbetter off (?:dead|without me|if i (?:was|were) gone|if i wasn't (?:here|around))\b",
    r"\b(?:happier|better|cope better|easier)\b[^.!?]{0,30}\bif i (?:died|was gone|wasn't "
    r"(?:here|around)|didn't exist)\b",
    r"\bwithout me in it\b",
    r"\b(?:don't|dont|do not) want to (?:be here|be alive|live|exist|wake up|survive|go on)\b",
    r"\b(?:not|never) (?:to )?wake up\b",
    r"\bdidn't wake up\b",
    r"\b(?:don't|dont) wake up\b",
    r"\bstop (?:existing|being alive)\b",
    r"\bnot (?:to )?exist\b",
    r"\b(?:disappear|vanish) (?:forever|and never come back)\b",
    r"\bno reason to live\b",
    r"\b(?:life|living) (?:is|isn't|isnt) (?:not )?worth (?:living|it)\b",
    r"\bpoint (?:in|of) (?:living|being alive)\b",
    r"\bno point being alive\b",
    r"\bgive up on life\b",
    r"\bdone with life\b",
    r"\bout of this life\b",
    r"\bdeserve to die\b",
    r"\b(?:death|dying) (?:sounds|would be|feels|seems) (?:peaceful|like a (?:relief|holiday|rest|"
    r"gift|release|escape)|a relief|nice)\b",
    r"\bdying would be\b",
    r"\b(?:hit|hits) me\b[^.!?]{0,10}\bwouldn't mind\b",
    r"\bwouldn't (?:mind|care) if i died\b",
    r"\b(?:hope|wish(?:ing)?|wished) (?:a|the) (?:car|bus|lorry|truck|train) (?:would )?hits? me\b",
    r"\bmy own funeral\b",
    r"\bthoughts? (?:about|of) (?:dying|death|not being here)\b",
    r"\bidea of not being here\b",
    r"\bnever been born\b",
    r"\b(?:sleep|fall asleep|sleeping) (?:forever|and never (?:wake|come back))\b",
    r"\b(?:nobody|no one|noone) (?:would|will) miss me\b|\bwon't be missed\b",
    r"\b(?:easier|better|simpler) if i (?:just )?(?:wasn't|weren't|was not) (?:alive|here|"
    r"around)\b",
    r"\b(?:fantasi[sz]\w*|dream\w*|daydream\w*) about (?:my (?:own )?death|dying|death|"
    r"being dead|killing "
    r"myself|not being here)\b",
    r"\b(?:begging|longing|desperate|ready|aching|yearning|asking|asks) to die\b",
    r"\bjust die\b",
    r"\bwish (?:i|we) (?:could|would) (?:just )?(?:die|disappear|not exist|stop existing|"
    r"be dead|not wake up)\b",
    r"\b(?:don't|dont|can't|cant) see (?:a|any) future (?:where|in which) (?:i'?m|i am) "
    r"(?:alive|here|still here)\b",
    r"\bdon't think i want to (?:survive|live|be alive|be here|go on)\b",
    r"\b(?:hit|run over|killed) by (?:a|the) (?:bus|car|lorry|truck|train)\b[^.!?]{0,25}"
    r"\b(?:wouldn't mind|wouldn't care|fine|okay|relief)\b",
    r"\b(?:talk|talking|talked|think|thinking|thought) about (?:dying|death|killing "
    r"(?:myself|ourselves|us))\b",
    r"\ball (?:i|we) can think about is (?:dying|death|suicide)\b",
    r"\bnot being here\b",
    r"\bwant(?:ed|ing)? (?:it all )?to (?:stop|end)\b[^.!?]{0,20}\bnot (?:to )?exist\b",
    r"\bthinking about (?:overdosing|taking all my " + PILLS + r")\b",
    r"\b(?:should|could) (?:just )?take all my " + PILLS + r"\b",
]

# Urges to self-harm (not yet acted on).
SH_URGE = [
    r"\b" + DESIRE + r" (?:to )?(?:" + HARM_VERB + r"|self[- ]?harm(?:ing)?|sh)\b" + NOT_HARM,
    r"\b" + DESIRE + r" (?:to )?" + HARM_VERB + r" (?:" + ME + r"|" + BODY + r")\b",
    r"\burges? to (?:self[- ]?harm|harm|sh|cut)\b",
    r"\b(?:the )?urge to harm\b",
    r"\bthoughts of hurting myself\b",
    r"\bscratch my skin off\b",
    r"\bneed to cut\b" + NOT_HARM,
    r"\bpushing us to (?:cut|hurt)\b",
    r"\bnot safe from myself\b",
    r"\ball (?:i|we) can think about is (?:cutting|hurting|harming|burning)\b",
]

# Written as wishes, urges or near-misses: an act after one of these is an urge, not an act.
IRREALIS = (r"\b(?:want|wanted|wanting|wants|wanna|urges?|need|needed|tempted|thinking about|"
            r"thought about|think about|thinking of|thought of|thoughts? of|feel like|wish|"
            r"(?:imagin\w*|pictur\w*|fantasi[sz]\w*|dream\w*)(?: about| of)?|nearly|almost|"
            r"close to|"
            r"could|would|might|going to|gonna|talking about|to)\s*$")

# Self-harm done, or an attempt: urgent when it is the writer's own and current.
SH_ACT = [
    r"\b" + HARM_VERB + r" " + ME + r"\b",
    r"\b" + HARM_VERB + r" (?:himself|herself|themselves)\b",
    r"\b(?:cut|burn(?:ed|t)|hit|punch(?:ed)?|scratch(?:ed)?|bit|bang(?:ed)?|stab(?:bed)?) "
    + BODY + r"\b",
    r"\b(?:cut|burn(?:ed|t)|scratch(?:ed)?) (?:on|into) " + BODY + r"\b",
    r"\b(?:hit|punched|slapped|banged|hurt|burned|burnt|cut)\b[^.!?]{0,30}\band then myself\b",
    r"\b(?:did it|cut|cutting|burned|burnt|harmed)\b[^.!?]{0,30}\b(?:with|using) (?:a |the |my )?"
    r"(?:scissors|razor|blade|knife|lighter|cigarette|compass|sharpener|glass)\b",
    r"\b(?:slam\w*|smash\w*|bang\w*|punch\w*|hit\w*|dug|dig\w*|carv\w*|press\w*) (?:my )?"
    r"(?:fists?|nails?|head|knuckles)? ?(?:into|against|in) " + BODY + r"\b",
    r"\b(?:took|taken|take|taking|swallowed) (?:everything|all) (?:in|from) (?:the|my) "
    r"(?:medicine|bathroom|kitchen) (?:cabinet|cupboard|drawer)\b",
    r"\b(?:take|taking|took) (?:too many|way too many|an overdose)\b",
    r"\b(?:i|we) attempted\b(?! (?:the|a|an|to (?:do|fix|make|cook|call|find)))",
    r"\bself[- ]?harm(?:ed)?\b",
    r"\bsh'e?d\b|\bshd\b",  # "sh'd", never "shed"
    r"\bharmed (?:tonight|today|again|last night)\b",
    r"\bi cut\b(?! (?:up|down|back|out|off|short|the|a|an|some|it|them|costs|ties|corners|"
    r"class|school|my (?:hair|fringe|nails|losses|food|hours|spending)))",
    r"\bcut again\b",
    r"\bcut deeper\b",
    r"\bbeen cutting\b",
    r"\bcutting (?:every|again)\b",
    r"\breopened (?:the |my |a |an |old )?(?:cuts?|wounds?|scars?|scabs?|stitches|it|them)\b",
    r"\bused the (?:razor|blade)s?\b",
    r"\brelapsed\b",
    r"\bover ?dos(?:e|ed|ing)\b(?! on (?:chocolate|sugar|caffeine|coffee|cake|sweets|carbs|"
    r"netflix|tv|telly|sun|love|cuteness|vitamin \w|christmas|crisps))",
    r"\bod'd\b",  # "od'd", never "odd"
    r"\b(?:took|taken|swallowed) (?:an overdose|too many|way too many|all (?:of )?(?:my|the)|"
    r"\d+ of my|a handful of)\b",
    r"\b(?:tried|attempted|attempting|trying) to (?:kill|hang|end|drown|poison)\b",
    r"\b(?:made|make) an attempt\b",
    r"\battempt(?:ed)? suicide\b",
    r"\bsuicide attempt\b",
    r"\bengine running\b",
]

# Method, plan, intent, preparation. Strong ones stand alone.
PLAN_STRONG = [
    r"\b(?:saving up|saved|stockpil\w*|hoard\w*|hiding|hidden|hid|collect(?:ed|ing)|"
    r"counted out|got hold of|got|have|keeping|kept)\b[^.!?]{0,25}\b(?:" + PILLS +
    r"|blades?|razor blades|razors?)\b[^.!?]{0,30}\b(?:for when|for it|for tonight|ready|"
    r"enough|hid|bag|"
    r"box|shoebox|sock|drawer|time|about \d+|forty|fifty|dozens)\b",
    r"\b(?:" + PILLS + r") saved\b",
    r"\bkeeping (?:it|them) for when\b",
    r"\b(?:wrote|written|writing|made) (?:my|a) will\b",
    r"\b(?:letters?|notes?) for (?:mum|mom|dad|my family|everyone)\b",
    r"\b(?:stood|standing|sat|sitting|waited|waiting) (?:on|at|near|by) the (?:edge(?! of (?:the |"
    r"my )?(?:bath|bed|sofa|couch|chair|seat|pool|stage|table|desk|field|pitch))|"
    r"platform edge|edge of the platform|bridge|roof|tracks|railway|cliff)\b",
    r"\b(?:platform edge|edge of the platform|fast train)\b",
    r"\bgoing away for good\b",
    r"\b(?:gave|giving|given) (?:away )?my (?:cat|dog|pets?|guitar|things|stuff|belongings|"
    r"possessions|savings)\b",
    r"\bstockpil\w*\b(?! (?:of )?(?:food|tins|tinned|toilet|snacks|supplies|water|nappies|"
    r"firewood|books|wool|yarn|fabric))",
    r"\bgoodbye (?:note|letter|message)s?\b",
    r"\bsuicide note\b",
    r"\b(?:wrote|written|writing|left) (?:a |my )?(?:notes?|letters?) (?:to|for) "
    r"(?:my (?:mum|mom|dad|family|sister|brother|kids|children|partner|friends?|son|daughter|"
    r"wife|husband)|everyone|all of them|[a-z]+ and my)",
    r"\b(?:have|got|made) a (?:plan|date)\b(?! (?:with|for|to (?:go|see|meet|visit|start|"
    r"try|get|make|do (?:something|more|less)))\b)",
    r"\bwith a plan\b",
    r"\bplan(?:ning)? (?:to|how to) (?:kill|end|die|do it)\b",
    r"\b(?:i'm|im|i am|we're|going|gonna) (?:going to |gonna )?(?:kill myself|end it|end my life|"
    r"do it)\b",
    r"\btonight'?s the night\b",
    r"\b(?:i'?ve|we'?ve|i have) decided\b(?! to\b| (?:that|on|what|which|how|against|not|"
    r"where|when)\b)",
    r"\bhow many\b[^.!?]{0,30}\b(?:take|kill|die)\b",
    r"\b(?:research\w*|looked up|look up|googl\w*|search\w*)\b[^.!?]{0,30}"
    r"\b(?:ways|methods|how) to (?:die|kill)\b",
    r"\bquickest ways? to die\b",
    r"\bwon'?t be (?:here|around)\b",
    r"\b(?:put|putting|got) (?:everything|my affairs|things) in order\b",
    r"\bgiving (?:my |all my )?(?:things|stuff|possessions|belongings) away\b",
    r"\bgiving away my\b",
    r"\bwhen it'?s time\b",
    r"\bwhat it'?s for\b",
    r"\bif anything happens to me\b",
    r"\btying the knot\b",
    r"\b(?:bridge|train tracks?|railway)\b[^.!?]{0,40}\b(?:look|timing|jump|twice)\b",
    r"\bwhich bridge\b",
    r"\bdrive into\b",
    r"\blook like an accident\b",
    r"\btook the blades\b",
    r"\bthe (?:pills|tablets) (?:ready|counted)\b",
    r"\b(?:i'?ll|i will|going to|gonna) do it\b",
    r"\bi know how\b",
    r"\bsomething nice to remember\b",
    r"\bsaid goodbye to\b[^.!?]{0,30}\bproperly\b",
    r"\bdeleted all my accounts\b",
]

# Hopelessness and despair with no ideation.
HOPELESS = [
    r"\bhopeless(?:ness)?\b",
    r"\bno hope\b|\brun out of hope\b|\bout of hope\b",
    r"\b(?:can't|cant|cannot) (?:do this|take (?:this|it)|go on|cope|bear (?:this|it)|keep "
    r"(?:going|doing this))\b",
    r"\bwhat'?s (?:even )?the point\b",
    r"\bno point (?:in |to )?(?:anything|trying|any of it|getting up)?\b",
    r"\bpointless\b",
    r"\bnothing (?:is|will)(?: ever)? (?:going to )?(?:get|be) better\b",
    r"\bnothing (?:will )?ever (?:change|get better|be okay)\b",
    r"\b(?:never|not) going to (?:change|get better|end)\b",
    r"\bnever be (?:normal|okay|better)\b",
    r"\bi give up\b|\bgiving up\b",
    r"\btrapped\b",
    r"\bno way (?:out|forward)\b",
    r"\bburden\b",
    r"\bworthless\b|\bwaste of space\b",
    r"\b(?:so |really )?(?:tired|sick|exhausted) (?:of|by) (?:everything|trying|fighting|"
    r"existing|being me|life)\b",
    r"\btired of fighting\b",
    r"\bdespair\b",
    r"\bunbearable\b",
    r"\bend of my rope\b",
    r"\bfalling apart\b",
    r"\bbroken beyond\b|\btoo broken\b",
    r"\bmeaningless\b",
    r"\bhate (?:my life|myself)\b",
    r"\bnothing (?:i do )?matters\b",
    r"\bdrowning\b",
    r"\bdisappearing\b",
    r"\bcan't see (?:a |any )?(?:future|way out|the point)\b",
    r"\bdon't see things ever improving\b",
    r"\bdone with everything\b|\bso done\b",
    r"\bnothing left\b",
    r"\ball too much\b",
    r"\balways be alone\b",
    r"\bfailure\b",
    r"\bnobody would notice\b",
    r"\bmisery\b",
    r"\bpain is never going to end\b",
    r"\bstuck\b[^.!?]{0,20}\bno way\b",
    r"\bwant(?:ing)? it all to stop\b",
    r"\bcan'?t\b[^.!?]{0,20}\banymore\b",
    r"\b(?:(?:don't|dont|do not) know )?how (?:much|many) longer i can\b",
    r"\b(?:so|completely|totally) (?:alone|empty)\b",
    r"\b(?:nobody|no one|noone) (?:gets it|cares|understands|notices)\b",
    r"\bnothing (?:changes|will help|helps|makes sense|works)\b",
    r"\bnever be (?:enough|good enough)\b",
    r"\bnothing (?:i do )?(?:will )?(?:ever )?(?:be|is) (?:good )?enough\b",
    r"\bpoint (?:of|in) trying\b|\bwhat is the point\b",
    r"\b(?:sinking|so lost|worn out by|drained by|crushed)\b",
    r"\bpretending (?:i'?m|to be) (?:okay|ok|fine)\b",
    r"\b(?:feel|feeling) (?:so |totally |completely )?(?:empty|alone)\b",
    r"\bdon't know how to (?:stop it|keep going|go on|cope)\b",
]

# Context that means a match is not about the writer, now.
NEGATION = (r"\b(?:no|not|never|don't|dont|do not|didn't|didnt|did not|haven't|havent|have not|"
            r"hasn't|isn't|wasn't|without|zero|none|nothing like|no longer|won't|wont|free of|"
            r"instead of)\b")
PAST = (r"\b(?:used to|years ago|long time ago|when i was|as a (?:teen|teenager|kid|child)|"
        r"back in|in (?:19|20)\d\d|from (?:19|20)\d\d|"
        r"\d+ (?:years?|months?|weeks?|days?) (?:clean|free|ago)|"
        r"(?:years?|months?) clean|clean from|clean now|free since|\w+[- ]free|since (?:january|"
        r"february|march|april|may|june|july|august|september|october|november|december|"
        r"last year)|celebrating|my old self|remember when|before therapy|in my (?:teens|"
        r"twenties|thirties)|been a long time|it's been|haven't \w+ in|haven't \w+ since|"
        r"grateful i'm still here|since i last|\w+ (?:years?|months?|weeks?) since|"
        r"stopped (?:cutting|self[- ]?harming|hurting myself))\b")
# A recovered past that "today" does not undo ("today marks three years since I last
# cut"); only a relapse does.
RECOVERED = (r"\b(?:since i last|\w+ (?:years?|months?|weeks?) since i|stopped (?:cutting|"
             r"self[- ]?harming|hurting myself)|"
             r"\d+ (?:years?|months?|weeks?|days?) (?:clean|free))\b")
RELAPSE = r"\b(?:again|relapsed?|first time in|broke my)\b"
CURRENT = (r"\b(?:again|today|tonight|last night|this morning|this evening|this week|"
           r"right now|rn|just now|relapsed|first time in)\b")
OTHER_SUBJECT = (r"\b(?:he|she|they|him|her|his|them|their|himself|herself|themselves|"
                 r"(?:my|our|a|the) (?:friend|best friend|sister|brother|mum|mom|mother|dad|"
                 r"father|partner|girlfriend|boyfriend|wife|husband|son|daughter|cousin|"
                 r"colleague|flatmate|roommate|neighbour|neighbor|client|kid|child|girl|boy|"
                 r"man|woman|character|villain|heroine|hero|detective|teenagers?)(?:'s)?|"
                 r"friend'?s|someone)\b|\bmy (?!(?:brain|mind|head|heart|body|arms?|legs?|"
                 r"parts?|own|urge|urges|self|thoughts?|feelings?|life|skin|wrists?|"
                 r"therapist)\b)[a-z]+(?:'s)? (?:is|was|has|had|said|says|keeps|told|seems|"
                 r"been)\b")
SELF_SUBJECT = (r"\b(?:i|i'm|im|i've|ive|i'd|id|i'll|me|myself|we|we're|we've|us|"
                r"ourselves|part of me|my parts?|(?:a|one|another|the) part|parts|"
                r"(?:the )?little one|(?:the )?angry (?:one|part)|alters?|my (?:brain|mind|"
                r"head)|a voice|the voice|my urge)\b")
# Words that make a third person the writer's own: parts ("the protector", "someone
# inside"), and a forum's "does anyone else feel like they...".
PARTS = (r"\b(?:parts?|little ones?|alters?|(?:someone|somebody|one) in (?:the|our|my) system|"
         r"headmates?|the angry one|inside me|someone inside|"
         r"(?:teenager|teen|child|kid|girl|boy|young one|voice|one)s? (?:inside|in here|within)|"
         r"one of (?:us|the others)|others inside|inside us|(?:the )?protector|gatekeeper|"
         r"persecutor|(?:the |inner )critic|anyone else|anybody else)\b")
MEDIA = (r"\b(?:film|movie|episode|series|show|book|novel|memoir|blog|documentary|podcast|"
         r"song|lyrics|reading|read about|recovery from|dissertation|thesis|module|lecture|"
         r"seminar|training|conference|research|services|campaign|awareness|leaflet|poster|"
         r"report|study|studies|workshop|class|"
         r"game|character|play|article|essay|literature|hamlet|villain|scene|studied|course|"
         r"heroine|detective|tv|telly|bbc|netflix|prevention|charity|charities|fundrais\w*|"
         r"helpline|volunteer\w*|sponsored)\b")
# Also food and screens, where "overdosed" means too much of a good thing.
ACCIDENT = (r"\b(?:accident(?:ally)?|by accident|chopping|cooking|shaving|opening|ironing|"
            r"on (?:chocolate|sugar|caffeine|coffee|cake|sweets|crisps|netflix|tv|telly)|"
            r"making (?:dinner|tea|lunch|breakfast|food|a sandwich)|tin lid|can lid|tin opener|"
            r"without looking|wasn'?t looking|didn'?t see|near miss|nearly got hit|"
            r"dropped (?:a|the|my) (?:glass|plate|mug|cup|bottle|jar|knife)|swimming club|"
            r"(?:wild|outdoor|open water) swim\w*|diving board|paddleboard\w*|kayak\w*|"
            r"(?:out of|from) the oven|bbq|barbecue|baking|straighteners? (?:slipped|fell)|"
            r"gardening|bramble|fell|slipped|tripped|paper cut|the cat|knife slipped|lifting|"
            r"splinter|washing up|on (?:the|a) (?:broken )?(?:oven|tray|cupboard|door|door frame|"
            r"kettle|pan|iron|corner|table|printer|glass|nail|knife)|my (?:tea|coffee|tongue|"
            r"finger|thumb|knee|elbow))\b")
# A cover story ("told my husband I'd caught them on the glass") is no accident either.
ON_PURPOSE = (r"\b(?:on purpose|deliberately|over and over|until i|to feel|to punish|"
              r"told (?:them|him|her|everyone|people|my \w+|the \w+) (?:that )?(?:i'?d|i|it)|"
              r"pretended|made it look like|said it was an accident)\b")
HYPERBOLE = r"\b(?:lol|lmao|haha+|jk|joking)\b"

# Diary shorthand with a number: "SI 4/5", "SH urges 3", "urge to die: 5".
SHORTHAND = (r"\b(?P<what>si|sh|suicidal ideation|self[- ]?harm|urges? to (?:die|self[- ]?harm|"
             r"sh|harm))(?:\s*urges?)?\s*(?:[:=]|was|is|was a|at|high|today)?\s*\(?\s*"
             r"(?P<value>\d{1,2})(?:\s*/\s*(?P<scale>5|10))?\)?")
SHORTHAND_WORDS = (r"\b(?:passive si|having si|si (?:high|again|today)|si came back|"
                   r"ideation (?:high|strong|bad|today|again|all day))\b")


# --- Structural parts (2026-11-30). Patterns below are built from these pieces, so a new
# drug name or place widens every rule that uses it, instead of one sentence.

# Medicines and substances people name when they describe overdose. Generic and brand
# names common in the UK, Ireland, North America and Australasia.
DRUGS = (r"(?:pills|tablets|meds|medication|medicine|painkillers|antidepressants|"
         r"sleeping (?:pills|tablets)|benzos|opioids|paracetamol|acetaminophen|tylenol|"
         r"panadol|ibuprofen|nurofen|aspirin|co-?codamol|codeine|tramadol|morphine|"
         r"oxycodone|oxy|fentanyl|heroin|methadone|sertraline|fluoxetine|prozac|citalopram|"
         r"escitalopram|mirtazapine|venlafaxine|duloxetine|amitriptyline|nortriptyline|"
         r"quetiapine|seroquel|olanzapine|risperidone|aripiprazole|lithium|lamotrigine|"
         r"valproate|valium|diazepam|lorazepam|xanax|alprazolam|clonazepam|temazepam|"
         r"zopiclone|zolpidem|ambien|pregabalin|gabapentin|propranolol|insulin|promethazine|"
         r"antihistamines|iron tablets|laxatives|tabs|sleeping tabs|sleepers|pain ?killers|"
         r"heart tablets|blood pressure tablets|beta blockers)")
# Things that cut, burn or tie, and places and ways people name as a means.
BLADES = r"(?:blades?|razors?|razor blades|knife|knives|scissors|sharpener|compass|glass)"
LIGATURE = r"(?:rope|noose|belt|cord|cable|ligature|scarf|tie|dressing gown cord)"
HEIGHT = (r"(?:bridge|roof|rooftop|cliff|cliffs|balcony|ledge|multi-?storey|car park|"
          r"top floor|tower block|quarry|viaduct)")
TRAFFIC = (r"(?:train|trains|tracks|railway|railway line|train line|level crossing|motorway|"
           r"lorry|truck|bus|traffic)")
WATER = r"(?:sea|river|canal|lake|reservoir|quarry|weir|loch|estuary|docks)"
POISONS = r"(?:bleach|weed ?killer|antifreeze|anti-freeze|drain cleaner|rat poison)"
BODY_PART = (r"(?:arms?|forearms?|wrists?|legs?|thighs?|stomach|belly|skin|hips?|chest|"
             r"ankles?|shoulders?|ribs|sides?|neck|calf|calves|throat|upper arm|inner arm)")
NUMBER = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
          r"forty|fifty|a hundred|dozens|loads|lots)")
# More than a usual dose: "took two paracetamol" for a headache is not an overdose.
MANY = (r"(?:[3-9]|[1-9]\d+|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|"
        r"thirty|forty|fifty|a hundred|dozens|loads|lots)")
QUANTITY = (r"(?:all (?:of )?(?:my |the |those |them )?|every |(?:the|a) whole (?:lot|box|packet|"
            r"pack|bottle|strip|load)(?: of)? ?|the rest of (?:my |the )?|"
            r"a (?:handful|bottle|box|packet|pack|load|lot|strip|blister pack) "
            r"of (?:my |the )?|loads of (?:my )?|too many |way too many |most of (?:my |the )?|"
            r"double (?:my )?|extra |" + MANY + r" (?:of (?:my |the )?)?)")
# What someone does to die, written as an act to come or to wish for.
LETHAL_ACT = (r"(?:kill(?:ing)? (?:myself|ourselves|us)|top(?:ping)? myself|neck(?:ing)? myself|"
              r"shoot(?:ing)? myself(?! in the foot)|blow(?:ing)? my (?:brains|head) (?:out|off)|"
              r"end(?:ing)? (?:it all|my life|my own life|"
              r"it(?! with| off)|things|myself)|tak(?:e|ing) my (?:own )?life|"
              r"tak(?:e|ing) (?:them|it) all|tak(?:e|ing) (?:all|every one) of (?:them|my \w+)|"
              r"(?:tak(?:e|ing)|swallow(?:ing)?) (?:all (?:of )?(?:my |the |those )?|every |"
              r"the whole (?:lot|box|packet|bottle) of |a (?:handful|bottle|box|packet) of |"
              r"too many )" + DRUGS + r"|"
              r"tak(?:e|ing) (?:all|everything) (?:in|from) the (?:cupboard|cabinet|drawer)|"
              r"tak(?:e|ing) (?:the whole lot|the lot)|"
              r"jump(?:ing)? (?:off|from|in front of)|throw(?:ing)? myself (?:off|down|in front of|"
              r"under|into)|step(?:ping)? (?:out )?in front of|hang(?:ing)? myself|"
              r"overdos(?:e|ing)|drown(?:ing)? myself|slit(?:ting)? my (?:wrists?|throat)|"
              r"driv(?:e|ing) (?:my car |the car )?into|off myself|ctb|catch the bus|"
              r"crash(?:ing)? (?:the |my )?(?:car|bike)(?! (?:park|insurance))|"
              r"go through with it|unalive myself|walk(?:ing)? into the (?:sea|river|water|lake|"
              r"traffic)|step(?:ping)? off the (?:platform|edge|ledge|roof|bridge|kerb)|"
              r"tak(?:e|ing) everything (?:i'?ve|i have) (?:saved|got|collected|kept))")
# A stated intention, as against a wish: "I'm going to", "I'll", "I've decided to".
INTENT = (r"(?:i'?m going to|i am going to|we'?re going to|going to|gonna|i'?ll|i will|we'?ll|"
          r"planning (?:on|to)|plan(?:ned)? to|about to|ready to|decided to|intend to|"
          r"i'?m doing it|my plan is to|the plan is to)")
WISH = (r"(?:want(?:ed|ing|s)? to|wanna|wish (?:i could|i had the courage to)|"
        r"(?:keep |kept |been )?(?:thinking|thought) (?:about|of)|think about|"
        r"(?:imagin|pictur|fantasi[sz])\w*(?: about)?|feel like|tempted to|urge to|"
        r"urges to|considering|could just|should just|thoughts? (?:of|about))")
# A time ahead that turns a wish or intention into a plan.
TIME_AHEAD = (r"(?:tonight|tomorrow|this weekend|at the weekend|this week|next week|soon|"
              r"on (?:mon|tues|wednes|thurs|fri|satur|sun)day|this (?:evening|afternoon)|"
              r"(?:after|when|once|as soon as) (?:everyone|they|he|she|the house|the flat|"
              r"my \w+)(?:'s| is| are| has| have)? ?(?:asleep|in bed|gone|out|empty|left|at work)|"
              r"before (?:christmas|morning|the weekend|my birthday|friday|monday)|"
              r"by (?:christmas|the weekend|friday|next week)|right now|at \d+ ?(?:am|pm))")
# Getting the means ready.
PREPARE = (r"(?:saving(?: up)?|saved(?: up)?|stockpil\w*|hoard\w*|collect(?:ed|ing)|stash\w*|"
           r"hid|hidden|hiding|counting|counted(?: out)?|lined up|laid out|put aside|"
           r"set aside|bought (?:" + NUMBER + r"|extra|more|a few|several|another|new) "
           r"(?:boxes|packets|packs|bottles|lots)?(?: of)?|buying (?:extra|more|up)|"
           r"got hold of|been keeping|keeping (?:them|it))")

# Wishes to die by a means: ideation.
IDEATION += [
    r"\b" + WISH + r" (?:\w+ ){0,2}?" + LETHAL_ACT + r"\b",
    r"\b(?:ctb|sewerslide|kys myself)\b",
    r"\bwhy am i (?:even )?(?:still )?alive\b",
    r"\b(?:relieved|glad|happier) if i (?:was|were) (?:gone|dead)\b",
    r"\b(?:not|never) (?:be|being) alive\b",
    r"\bbe dead\b",
    r"\bcan'?t keep (?:myself|ourselves|us) safe\b",
    r"\b(?:not|n't) safe (?:from|with) (?:myself|my thoughts|ourselves)\b",
    r"\b(?:the|that|this) (?:voice|part|thought)s? (?:that )?(?:tells?|telling|keeps? telling) "
    r"(?:me|us) to (?:die|end it|kill)\b",
    r"\b(?:tell|tells|telling|told) (?:me|us) (?:i|we) should (?:die|kill|end)\b",
    r"\bshould (?:just )?(?:die|kill myself|end it)\b",
    r"\b(?:wants?|wanting) (?:us|me) dead\b",
    r"\bdeath (?:feels|seems|is) like the only (?:way|option|answer)\b",
    r"\bonly way out\b[^.!?]{0,20}\b(?:die|dying|death|dead)\b",
    r"\b(?:go|went) to sleep (?:and|forever)\b[^.!?]{0,15}\bnot wake\b",
    r"\bsleep forever\b",
    r"\bdying (?:sounds|seems|feels) like\b",
    r"\b(?:so )?tired of (?:living|being alive)\b",
    r"\bwant(?:ed|ing)? to (?:go|be gone)\b[^.!?]{0,20}\b(?:gone|miss me|notice)\b",
    r"\bmakes? me want to go\b",
    r"\b(?:something|anything) (?:would|could) happen to me so\b",
    r"\b(?:press|pressed) a button and not exist\b",
]

# Urges to self-harm by a named act.
SH_URGE += [
    r"\b" + WISH + r" (?:\w+ ){0,2}?(?:cut(?:ting)?|burn(?:ing)?|hurt(?:ing)?|harm(?:ing)?|"
    r"punish(?:ing)?|starv(?:e|ing)|scratch(?:ing)?|hit(?:ting)?|bang(?:ing)?|punch(?:ing)?)"
    r" (?:" + ME + r"|my (?:head|skin|" + BODY_PART + r")|our (?:body|" + BODY_PART + r"))\b",
    r"\b" + WISH + r" (?:cutting|burning myself|self[- ]?harming|sh)\b",
    r"\b(?:sh|self[- ]?harm) (?:urges?|thoughts?)\b",
    r"\b(?:urges?|thoughts?) (?:of|about|to) (?:self[- ]?harm|sh|cutting|burning)\b",
    r"\bwant(?:ed|ing|s)? to (?:cut|burn)\b(?! (?:my hair|down|back|out|off|the|a |some))",
    r"\burge to (?:hurt|harm) (?:myself|ourselves)\b",
]

# Acts: self-harm done, an overdose taken, an attempt.
SH_ACT += [
    # Terse diary forms with no subject: "Cut twice on my arm", "cut x3 left forearm".
    r"\b(?:cut|burn(?:ed|t)|scratch(?:ed)?|carv(?:ed)?|slash(?:ed)?|slit|gouged|stabbed)\b"
    r"(?: (?:x ?\d+|\d+ ?x|twice|three times|\d+ times|again|deep(?:er|ly)?|badly|myself|"
    r"my|our|on|into|across|the|left|right|both|up|open|a word into|all over)){0,4} "
    + BODY_PART + r"\b",
    r"\b(?:sh|self[- ]?harm)(?:ed)?\s*(?:x ?\d+|\d+ ?x|twice|again|last night|yesterday|today|"
    r"this (?:morning|evening|afternoon)|:\s*yes)\b",
    # An overdose: a quantity of a medicine, taken or swallowed.
    r"\b(?:took|taken|swallowed|downed|necked|had|taking) " + QUANTITY + DRUGS + r"\b",
    r"\b(?:took|taken|swallowed|downed) (?:an? )?(?:bottle|box|packet|pack|handful) of\b",
    r"\b(?:took|taken|had|injected) (?:extra|more|too much|double) (?:of )?(?:my )?" + DRUGS
    + r"\b[^.!?]{0,25}\bon purpose\b",
    r"\b(?:drank|swallowed|drunk|took) (?:some |half a bottle of |a bottle of |a cup of )?"
    + POISONS + r"\b",
    # Hitting walls or oneself until it injures.
    r"\b(?:punch\w*|hit\w*|bang\w*|smash\w*|kick\w*|slam\w*) (?:the |a )?(?:walls?|doors?|"
    r"mirror|window|floor)\b[^.!?]{0,40}\b(?:until|till|til|so hard|bled|bleed|bleeding|"
    r"broke|bruised|split|on purpose)\b",
    r"\b(?:bang\w*|bash\w*|hit\w*|slam\w*|smash\w*) my head (?:on|against|into) (?:the )?"
    r"(?:wall|floor|"
    r"desk)s?\b",
    r"\b(?:punch\w*|hit\w*|kick\w*) (?:my own|my) " + BODY_PART + r"\b",
    r"\b(?:put|stuck|held|pressed) my (?:hand|arm|fingers?|leg|palm) (?:on|against|over|in|"
    r"under) (?:the )?(?:hob|iron|flame|fire|kettle|boiling|hot|cooker)\b",
    r"\b(?:pick\w*|scratch\w*|tore|ripp\w*) (?:at )?(?:the |my )?(?:cuts|wounds|scabs|stitches)"
    r"\b[^.!?]{0,30}\b(?:open|bled|bleed|on purpose)\b",
    # Ligature, heights, traffic, water: the act itself.
    r"\b(?:tied|tie|put|pulled|wrapped|tightened) (?:a |the |my )?(?:something|it|"
    + LIGATURE + r")"
    + r"\b[^.!?]{0,30}\b(?:neck|throat)\b",
    r"\b(?:tried|tries|trying|attempted) to (?:hang|strangle|suffocate|drown|jump|overdose|"
    r"take my (?:own )?life|poison)\b",
    r"\b(?:jumped|threw myself|stepped|walked|went) (?:off|from|in front of|onto|into|towards) "
    r"(?:the |a )?(?:" + HEIGHT + r"|" + TRAFFIC + r"|sea|river|canal|lake|water)\b",
    r"\b(?:jumped|stepped) off\b[^.!?]{0,30}\bto see if\b",
    r"\bto see (?:if|whether) (?:i'?d|i would|it would) (?:die|break|stop|kill)\b",
    r"\b(?:went|going) through with it\b",
    r"\b(?:suicide )?attempt (?:last night|yesterday|today|this (?:morning|week)|on \w+day)\b",
    r"\b(?:we|i) overdosed\b",
    r"\bheld (?:a |the |my )?" + BLADES + r" (?:to|against|on) my " + BODY_PART + r"\b",
]

# Plans, means with intent, preparation, a time: urgent.
PLAN_STRONG += [
    r"\b" + INTENT + r" (?:\w+ ){0,6}?" + LETHAL_ACT + r"\b",
    r"\b" + LETHAL_ACT + r"\b[^.!?\n]{0,30}\b" + TIME_AHEAD + r"\b",
    r"\b" + PREPARE + r"\b[^.!?\n]{0,30}\b(?:" + DRUGS + r"|" + BLADES + r"|" + LIGATURE
    + r")\b",
    r"\b(?:" + DRUGS + r"|" + BLADES + r") (?:counted|saved|ready|lined up|laid out|hidden)\b",
    r"\benough (?:\w+ ){0,2}?" + DRUGS + r"\b[^.!?\n]{0,20}\bto (?:die|not wake|kill|end|do it)\b",
    r"\benough (?:\w+ ){0,2}?" + DRUGS + r" saved\b",
    r"\b(?:made|tied|bought|got) (?:a |the )?(?:noose|ligature)\b",
    r"\b(?:found|got|bought|have) (?:a |the )?(?:rope|noose)\b[^.!?\n]{0,40}\b(?:tie|hang|neck)\b",
    r"\b(?:looked up|googled|searched|research\w*|read up on)\b[^.!?\n]{0,40}\b"
    r"(?:how (?:many|much)|"
    r"lethal|overdose|fatal|dose|tide times|how high|how deep|how long it takes)\b",
    r"\b(?:letters?|notes?|goodbyes?) for (?:people|everyone|my \w+)\b[^.!?\n]{0,30}\b"
    r"(?:after|when) i'?m gone\b",
    r"\b(?:written|wrote|writing) (?:letters |notes )?(?:to|for) (?:everyone|all of them|"
    r"my family)\b",
    r"\b(?:written|wrote|writing|left) (?:letters|notes) for (?:my )?\w+ and (?:my )?\w+\b",
    r"\bafter i'?m gone\b",
    r"\b(?:sorted|sorting) (?:out )?who gets\b",
    r"\b(?:gave|given|giving) (?:away )?(?:my|the) (?:cat|dog|pets?|rabbit|hamster)\b(?: away)?"
    r"[^.!?\n]{0,40}\b(?:goodbye|look after|better than me|take care of)\b",
    r"\b(?:don'?t think|doubt) i'?ll (?:be (?:here|around|alive)|make it) (?:by|for|at|to|past)\b",
    r"\bwon'?t be (?:anywhere|alive)\b",
    r"\b(?:on|at|near|by) the (?:edge of the )?" + HEIGHT + r"\b[^.!?\n]{0,40}\b(?:nearly|almost|"
    r"jump|over (?:the )?(?:edge|side|railings?|wall|barrier|parapet)|looking down|down at)\b",
    r"\b(?:wait\w*|stood|standing) (?:for|at|by|near|on) (?:the )?(?:fast )?" + TRAFFIC
    + r"\b[^.!?\n]{0,40}\b(?:closer|step|jump|front)\b",
    # On the bridge and saying no more, or "right now": being there for the view or the
    # sunset is not a plan ("I'm on the bridge over the canal, the sunset is lovely").
    r"\b(?:i'?m|i am|we'?re) (?:on|at) the (?:" + HEIGHT + r"|edge|tracks)\b"
    r"(?=\s*(?:right now|now)?\s*$)",
    r"\b(?:writing|typing) this from the (?:" + HEIGHT + r")\b",
    r"\b(?:tonight|today)(?:'s| is) the (?:night|day)\b",
    r"\bi(?:'ve| have) made my (?:mind up|peace)\b",
    r"\bi know (?:when|how|where) i'?m (?:going to|gonna) do it\b",
    r"\b(?:have|got|brought|packed) (?:everything|all) (?:i|we) need\b",
    r"\bcan'?t keep (?:myself|us) safe (?:tonight|now|right now)\b",
]

# Ordinary reasons to handle medicines, blades or rope: these stop a plan reading.
ROUTINE = (r"\b(?:reorder\w*|repeat prescription|prescription|pharmacy|pharmacist|chemist|"
           r"dosette|pill (?:box|organi[sz]er)|blister pack for|for (?:my|the|a) (?:headache|"
           r"cold|flu|period|back|migraine|toothache|hay ?fever)|climbing|camping|sailing|"
           r"garden\w*|allotment|washing line|crafts?|sewing|shaving|kitchen drawer|"
           r"cooking|recipe|dog lead|tow rope|skipping|solicitor|lawyer|estate planning|"
           r"had a baby|new baby|nurse|district nurse|carer|for the week|weekly|new flat|"
           r"allow pets|allergic|rehom\w*|moving (?:house|flat|abroad|to)|operation|surgery|"
           r"travel insurance|probate)\b")

# --- Added 2026-11-30 from the second development set (dev2.jsonl). ---

IDEATION += [
    r"\bwant(?:ed|s)? to (?:just )?be gone\b",
    r"\bhow (?:i'?d|i would|i'?ll|i could|to) do it\b",
    r"\bstop (?:waking up|breathing|living)\b",
    r"\b(?:better off|happier|relieved|easier|glad)\b[^.!?]{0,30}\bif i (?:died|disappeared|"
    r"was gone|were gone|was dead|were dead|wasn't (?:here|around|alive)|weren't (?:here|around|"
    r"alive)|didn't exist)\b",
    r"\b(?:it all|everything|this) to (?:be over|end|stop) (?:permanently|for good|forever)\b",
    r"\b(?:don'?t|can'?t|do not|cannot) see (?:myself|me) (?:being |still )?"
    r"(?:alive|here|around)\b",
    r"\b(?:hit|run over|killed) by (?:a|the) (?:bus|car|lorry|truck|train)\b[^.!?]{0,30}\b"
    r"(?:wouldn'?t be (?:sad|upset|sorry)|(?:be|feel) (?:glad|relieved|okay|ok|fine))\b",
    r"\b(?:not sure|don'?t know if|unsure (?:if|whether)|not certain) i (?:want|wanna) to "
    r"(?:keep living|live|be alive|be here|go on|keep going|exist|stay)\b",
    r"\bgive up on (?:living|being alive)\b",
    r"\bsi (?:came|come|comes|coming|was|is|has been|went|returned|around|on and off|all day|"
    r"again|today|tonight|high|strong|bad|worse|creeping)\b",
    r"\b(?:suicidal|suicide) (?:thoughts|ideation|feelings|urges)\b",
]

SH_URGE += [
    r"\b(?:tells?|telling|told|wants?|pushing|pushes|pushed|urging|urges) (?:me|us) (?:to|towards|"
    r"(?:i|we) should) (?:hurt|harm|cut|cutting|burn|burning|punish|starve|scratch|hit)\w*\b",
    r"\bso (?:i|we) (?:can|could) (?:cut|hurt myself|burn myself|self[- ]?harm)\b",
]

SH_ACT += [
    r"\bsh\s*[:=-]\s*(?:yes|y|cut|burn\w*|scratch\w*|hit|x ?\d+)\b",
    r"\b(?:cut|burn(?:ed|t)?|scratch(?:ed)?)\s*[(,:-]\s*(?:l |r |left |right |both )?"
    + BODY_PART + r"\b",
    r"\bod(?:'d)?\b(?= (?:last night|yesterday|today|tonight|this (?:morning|evening)|on|"
    r"again)\b)",
    r"\b(?:razor|blade|knife|lighter|scissors|compass)s? (?:to|on|across|into) (?:my |our )?"
    + BODY_PART + r"\b",
    r"\bheld my (?:breath|head) under (?:the )?(?:bath ?)?water\b",
    r"\b(?:new|fresh) (?:cuts|burns|wounds|scratches)\b",
    r"\b(?:burns?|cuts|scratches) on (?:my|our) " + BODY_PART + r"\b[^.!?\n]{0,20}\bfrom "
    r"(?:a |the |my )?(?:lighter|razor|blade|cigarette|compass|knife)\b",
    r"\b(?:woke up|came back|came to|found ourselves|found myself) with (?:new |fresh )?(?:cuts|"
    r"burns)\b",
    r"\battempted (?:last night|yesterday|today|on \w+|mon|tues|wed|thurs|fri|sat|sun)\w*\b",
]

PLAN_STRONG += [
    r"\b(?:" + DRUGS + r"|" + BLADES + r"|" + LIGATURE + r")\b[^.!?\n]{0,40}\b"
    r"(?:hid|hidden|hiding|stashed|stash)\b",
    r"\b(?:keep|keeps|carry|carrying|carries) (?:a |my )?" + BLADES + r"\b[^.!?\n]{0,40}\b"
    r"(?:so i can|for when|in case)\b",
    r"\b(?:vodka|wine|whisk(?:e)?y|gin|alcohol|booze|drink)\b[^.!?\n]{0,15}\band (?:all )?(?:my |"
    r"the )?" + DRUGS + r"\b",
    r"\bplan made\b",
    r"\bmeans (?:at home|ready|available|in the house|to hand)\b",
    r"\b(?:train|tide) (?:times|timetables?)\b[^.!?\n]{0,50}\b(?:fast|express|non-stopping|when)\b",
    r"\b(?:gave|giving|given) away (?:my|all my|most of my) \w+(?: and (?:my )?\w+)+",
    r"\b(?:on|at|near|by) the (?:\w+ )?" + HEIGHT + r"\b[^.!?\n]{0,40}\b(?:over the (?:side|edge)|"
    r"looking down|legs over)\b",
]

# Where someone is, or what they have with them, right now. Alone it is nothing ("I'm at
# the station"); beside a wish to die or to self-harm in the same entry it is urgent.
PRESENT = [
    r"\bi'?m (?:at|on|by|standing on|sitting on) the (?:station|platform|bridge|tracks|railway|"
    r"roof|cliff|cliffs|edge|ledge|river|sea|beach|car park|multi-storey)\b",
    r"\bi'?m (?:sitting|sat) in (?:the|my) car\b",
    r"\b(?:have|got) (?:the |my |all my )?(?:" + DRUGS + r"|" + BLADES + r"|rope)\b[^.!?\n]{0,20}"
    r"\b(?:here|with me|in front of me|out|ready|next to me|on the (?:table|bed|side))\b",
]

# After an urge: words that say it has passed ("the urges have faded").
AFTER_PASSED = (r"\s*(?:have |has |had )?(?:faded|gone away|gone(?! up)|eased off|eased|passed|"
                r"stopped|disappeared|calmed|settled|been gone|gone quiet)\b")

# --- Added 2026-11-30 from the third development set (dev3.jsonl). ---

# Goodbyes written as if for the last time. "Last message before I go on holiday" is not.
FAREWELL = [
    r"\b(?:this is my|my) (?:last|final) (?:message|post|note|entry|text)\b"
    r"(?! (?:before|for (?:today|now|"
    r"a while|this week|the (?:day|week|year))|of the))",
    r"\bplease (?:don'?t|do not) blame (?:yourself|yourselves|anyone)\b",
    r"\bsorry it wasn'?t enough\b",
    r"\b(?:just )?want(?:ed)? to say (?:bye|goodbye)\b(?! (?:before|for now|for the|until|till))",
    r"\b(?:left|leaving|written|wrote|writing) instructions for (?:the |my )?(?:cat|dog|pets?|kids|"
    r"children|funeral|afterwards|after i'?m gone)\b",
    r"\bwon'?t be (?:a problem|a burden|in (?:your|anyone'?s) way|around)"
    r"(?: for anyone| to anyone)? (?:much )?longer\b",
]

PLAN_STRONG += FAREWELL + [
    r"\b(?:hose|pipe|tube)\b[^.!?\n]{0,25}\bexhaust\b",
    HEIGHT.join((r"\b(?:", r")\b[^.!?\n]{0,60}\bpick(?:ed|ing)? (?:the|a) (?:spot|place)\b")),
    r"\b(?:the |a |my )?(?:" + DRUGS + r"|" + BLADES + r"|" + LIGATURE + r") (?:is |are )?"
    r"(?:counted|saved|ready|lined up|laid out|hidden)\b",
    r"\b(?:took|taken|swallowed) (?:everything|whatever(?: was)?|all of it|the lot|all the "
    r"(?:pills|tablets|meds)) "
    r"(?:in|from) (?:the |my )?(?:medicine |bathroom |kitchen |first aid |pill )?(?:cabinet|"
    r"cupboard|drawer|box|bag|tin|packet)\b",
]

SH_ACT += [
    r"\b(?:made|make|making) (?:myself|ourselves) (?:sick|throw up|vomit)\b",
    r"\bpurg(?:ed|ing|e)\b(?! (?:my |the |our )?(?:wardrobe|closet|inbox|files|emails|cupboards?|"
    r"clutter|stuff|things))",
    r"\bpull(?:ed|ing)? (?:out )?(?:a (?:patch|clump|handful) of |my |our )?hair\b[^.!?\n]{0,30}"
    r"\b(?:until|till|bled|bleed|bleeding|bald)\b",
    r"\bod['’]?ed\b",
    r"\b(?:swallow(?:ed)?|starv(?:ed|ing) (?:myself|ourselves)|burn(?:ed|t) (?:myself|ourselves)|"
    r"scratch(?:ed)? (?:myself|ourselves))\b[^.!?\n]{0,40}\bon purpose\b",
    r"\bstarv(?:ed|ing) (?:myself|ourselves|my body|our body)\b",
]

SH_URGE += [
    r"\burges? to (?:pull (?:my |our )?hair|purge|make (?:myself|ourselves) sick|starve)\b",
]

IDEATION += [
    r"\bout of (?:everything|it all|this life|here),? (?:for good|forever|permanently)\b",
    r"\b(?:go|went) to sleep and (?:not|never) come back\b",
    r"\bgiv(?:e|ing) up on (?:living|being alive|life)\b",
    r"\b(?:better|happier|easier) (?:off )?without me\b",
    r"\bbetter off gone\b",
    r"\bcheck(?:ing)? out (?:permanently|for good|forever|early)\b",
    r"\b(?:don'?t|do not) deserve to (?:live|be alive|exist|be here)\b",
    r"\bdisappear (?:off the face of the earth|for good|forever|permanently)\b",
    r"\b(?:wish|wished) (?:i|we) (?:had|'d) (?:never|not) woken up\b",
    r"\bmy (?:own )?funeral\b",
    r"\bshould (?:just )?end (?:everything|it all)\b",
    r"\bend(?:ing)? everything\b",
]

# --- Added 2026-12-01 from the fourth development set (dev4.jsonl). Each is a general
# form: a place or means beside an act, a hope to be hit, acting on an urge.

IDEATION += [
    r"\b(?:keep|kept|been|keeps) thinking about (?:the )?(?:" + TRAFFIC + r"|bridge|roof|cliff|"
    r"ledge|edge|drop|multi-?storey)\b",
    r"\b(?:hope|hoping|wish|wishing|pray\w*) (?:that )?(?:i|we) (?:get|got|'?d get|would get|"
    r"could get|might get) (?:hit|run over|knocked down|killed)(?: by (?:a|the|an) \w+)?\b"
    r"(?! by)",
    r"\b(?:notice|care|miss me|matter)\b[^.!?\n]{0,30}\bif (?:i|we) (?:just )?(?:stopped|"
    r"disappeared|vanished|was gone|were gone|died|wasn'?t here|weren'?t here)\b"
    r"(?! for (?:a|an|the|one|two|\d))(?!\s+[a-z])",
    r"\bif (?:i|we) (?:just )?(?:disappeared|vanished|stopped existing|died)\b[^.!?\n]{0,30}"
    r"\b(?:notice|care|miss me)\b",
    r"\bdeath (?:as|is|would be|seems like|feels like) (?:the|a|an) (?:only )?(?:solution|answer|"
    r"way out|escape|option|relief)\b",
    r"\bhow easy (?:one|a single|a) (?:step|jump)\b",
    r"\bhow easy it (?:would|'?d) be to (?:just )?(?:step|jump|fall|end|die|let go|swerve|"
    r"take (?:them|it) all|drive off)\b",
    r"\bcan'?t (?:promise|guarantee|say) (?:that )?(?:i|we)'?(?:ll| will) (?:stay|be|keep) "
    r"(?:myself |ourselves )?safe\b",
    r"\b(?:wish|wishing|hope|hoping|pray\w*)\b[^.!?\n]{0,25}\b(?:terminal|fatal|incurable) "
    r"(?:diagnosis|illness|disease|cancer)\b",
    r"\bso (?:i'?d|i would|i could|we'?d) (?:have a way out|not have to (?:be here|live|exist|"
    r"wake up))\b",
    r"\b(?:hanging|overdose|od|jumping|drowning|suicide|dying|death) (?:thoughts|urges|ideas|"
    r"fantasies)\b",
]

SH_URGE += [
    r"\ball (?:i|we) can think about is (?:the |my )?(?:blades?|razors?|knife|cutting|"
    r"lighter)\b",
    r"\brelapse (?:thoughts|urges)\b",
    r"\b(?:wants?|wanting) to (?:hurt|harm|punish|cut|burn) (?:the|our) body\b",
]

SH_ACT += [
    r"\b(?:acted on|gave in to) (?:the |my |our )?urges?\b",
    r"\b(?:urges?|sh|si)\b[^.!?\n]{0,30}\b(?:acted on|gave in to) (?:it|them)\b",
    r"\b(?:od|overdose|suicide) attempt\b",
    r"\b(?:scald\w*|burn\w*|cut|scratch\w*|hit|punch\w*|bang\w*|pinch\w*|bit|froze)"
    r" (?:myself|ourselves|(?:my|our) (?:hands?|fingers?|head|skin|" + BODY_PART + r"))\b"
    r"[^.!?\n]{0,50}\b(?:on purpose|deliberately)\b",
    r"\bstarv\w*\b[^.!?\n]{0,30}\b(?:on purpose|deliberately)\b",
    r"\b(?:punch\w*|hit\w*|smash\w*) (?:the |a )?(?:mirror|window|glass)\b[^.!?\n]{0,40}"
    r"\b(?:glass in my|cut my|blood)\b",
    r"\b(?:scald\w*|burn\w*|scratch\w*|pinch\w*) (?:my |our )?(?:hands?|" + BODY_PART
    + r")\b[^.!?\n]{0,40}\b(?:until|till|til) (?:it|they) (?:blistered|bled|broke)\b",
    r"\b(?:took|taken|swallowed|downed) (?:\w+ ){0,2}?" + DRUGS + r"\b[^.!?\n]{0,15}\b(?:the )?"
    r"whole (?:box|packet|bottle|strip|lot|pack)\b",
    r"\b(?:tied|tie|tying|fixed|attached|hung) (?:a |the |my )?" + LIGATURE + r" (?:to|round|"
    r"around|over|from) (?:the |a )?(?:banister|bannister|door|beam|rail|railing|hook|tree|loft|"
    r"stairs|wardrobe|light fitting|pipe)\b",
    r"\bput my (?:head|neck) (?:through|in|into) (?:it|the (?:loop|noose|rope|belt))\b",
    r"\b(?:drove|driving|drive|cycled|ran) (?:\w+ ){0,6}?hoping (?:to|i'?d|i would) (?:crash|"
    r"lose control|die|hit|not make it)\b",
    r"\bstepped (?:out )?in front of (?:a |the )?(?:" + TRAFFIC + r"|car|van|cars)\b",
]

PLAN_STRONG += [
    r"\bthis is (?:my )?goodbye\b(?! to (?:my|the|our|a|this|that)\b)",
    r"\b(?:nobody|no one|noone) (?:is |will be |gets |'?s )?left with (?:my|the) (?:debts?|"
    r"mess|bills)\b",
    r"\bmy plan is (?:the |a )?(?:" + HEIGHT + r"|" + WATER + r"|" + TRAFFIC + r"|" + DRUGS
    + r"|" + LIGATURE + r"|woods)\b(?! (?:walk|path|club|trip|cafe|view|bar|pub|tour|ride))",
    r"\b(?:walked|went|drove|got|cycled) (?:up |down )?to the (?:railway|railway line|tracks|"
    r"train line|level crossing|" + HEIGHT + r"|" + WATER + r")\b[^.!?\n]{0,60}\b(?:waiting for "
    r"(?:the )?(?:train|\d|next|fast|express|right moment|courage)|to jump|to end it|"
    r"(?:stood|sat) on the (?:edge|tracks|line|crossing|ledge|railing))",
    r"\b(?:" + DRUGS + r"|razors?|blades?|razor blades|" + LIGATURE + r")\b[^.!?\n]{0,60}"
    r"\b(?:planning|plan|going|gonna|intend|ready) to use (?:them|it)\b",
    r"\b" + TIME_AHEAD + r"\b[^.!?\n]{0,30}\b(?:going to|gonna|will|'ll) (?:\w+ ){0,2}?"
    r"(?:jump|end it|go through with it)(?=\s*(?:[.!?,;\n]|$|off\b|from\b))",
]

PRESENT += [
    r"\b(?:look\w*|went|go\w*|visit\w*|star\w*) (?:at|to|up at) the (?:bridge|tracks|"
    r"railway|cliff|roof|multi-?storey)\b",
    r"\b(?:bought|got|found|have) (?:a |some |the |new |a bag of )?(?:rope|cord|noose|razors?|"
    r"blades?|razor blades)\b",
    r"\b(?:bought|got) (?:extra|more|another (?:box|packet) of) " + DRUGS + r"\b",
]

# --- Added 2026-12-01 from the fifth development set (dev5.jsonl): preparation told
# sideways (whoever finds me, the insurance, the date chosen), acts told tersely.

IDEATION += [
    r"\benvy (?:people|those|anyone|everyone) who (?:died|are dead|get to die)\b",
    r"\b(?:erase|delete|undo|remove) (?:me|myself)\b(?! from (?:the|this|a|your|their|my)\b)",
    r"\bbutton\b[^.!?\n]{0,30}\b(?:erase|delete|end|undo|remove) (?:me|myself|my life|it all)\b",
    r"\b(?:" + TRAFFIC + r"|" + HEIGHT + r"|platform|edge)\b[^.!?\n]{0,60}\bhow (?:quick|easy|"
    r"fast|simple) it (?:would|'?d) be\b",
    r"\b(?:go|going|get|be) (?:to|in) heaven (?:now|soon|tonight|early|already)\b",
]

SH_URGE += [
    r"\burges? to (?:head ?bang|bang (?:my|our) head|hit (?:myself|ourselves)|punch "
    r"(?:myself|ourselves))\b",
]

SH_ACT += [
    r"(?:^|[.!?\n]\s*)attempted(?=\s*(?:[.!?,;\n]|$|again\b|last\b|yesterday\b|today\b|"
    r"tonight\b))",
    r"\bhead ?bang\w*\b[^.!?\n]{0,30}\b(?:until|till|til|bruis\w*|bled|bleed\w*|hard)\b",
    r"\b(?:cuts|burns|wounds)\b[^.!?\n]{0,30}\b(?:gaping|needed stitches|need stitches|won'?t "
    r"stop bleeding|still bleeding)\b",
    r"\b(?:took|swallowed|taken) (?:\w+ ){0,6}?(?:" + DRUGS + r"|pill organi[sz]er|dosette|"
    r"pill box)\b[^.!?\n]{0,25}\b(?:at once|in one go|all together)\b",
    r"\bwent deeper than (?:ever|before|i (?:ever )?(?:have|did)|last time)\b",
    r"\b(?:scars?|cuts?) (?:on (?:my|our) " + BODY_PART + r" )?(?:are|is) new\b",
    r"\b(?:climbed|was|stood|standing|sat|sitting) (?:on|onto|over|up on) the (?:bridge |"
    r"balcony |roof )?(?:railings?|parapet|barrier)\b",
]

PLAN_STRONG += [
    r"\bto see (?:how|what) it (?:feels|would feel) (?:like )?to (?:stand|be) (?:there|up there|"
    r"on the edge|on the ledge)\b",
    r"\b(?:going|went|go|been going) (?:up )?to the " + HEIGHT + r" every (?:night|day|evening)\b",
    r"\bwhoever finds me\b|\b(?:find|finds|found) my body\b",
    r"\b(?:life )?insurance\b[^.!?\n]{0,40}\b(?:suicide|pays? out (?:if|when) i)\b",
    r"\b(?:worked out|calculated|figured out)\b[^.!?\n]{0,30}\b(?:lethal |fatal )?(?:dose|how "
    r"(?:much|many) (?:it|i'?d|would))\b",
    r"\b(?:branch|beam|hook|banister|bannister|rail|light fitting)\b[^.!?\n]{0,30}\b(?:would|"
    r"will|that'?d|to|strong enough to) hold\b",
    r"\b(?:took|take|taking) (?:my |a |the )?" + LIGATURE + r" (?:in)?to the (?:woods|park|"
    r"garage|loft|shed)\b",
    r"\b(?:tidy|sorted|easy|easier|simple) for (?:everyone|them|my family|people) (?:after|"
    r"afterwards|when i'?m gone)\b",
    r"\b(?:chosen|picked|set|decided on) (?:the|a) (?:date|day|method|spot|place)\b"
    r"(?! (?:for|of) )",
    r"\bfast (?:ones|trains?)\b[^.!?\n]{0,30}\b(?:come|go|pass|run|fly)\w* (?:through|past)\b",
    r"\bplease tell (?:my |\w+ )?\w+ (?:thank you|thanks|i'?m sorry|i love (?:them|him|her))\b",
    r"\bengine (?:on|running)\b[^.!?\n]{0,30}\bgarage\b|\bgarage\b[^.!?\n]{0,30}\bengine "
    r"(?:on|running)\b",
    r"\bif you don'?t hear from me\b[^.!?\n]{0,30}\b(?:sorry|goodbye|i love you|thank you)\b",
    r"\bso it (?:happens|looks|seems) natural(?:ly)?\b",
]

# Stockpiling verbs: beside these a prescription or pharmacy is no routine purpose.
HOARD = r"\b(?:saved|saving up|stockpil\w*|hoard\w*|collect(?:ed|ing)|stash\w*|squirrel\w*)\b"

# --- Added 2026-12-01 from dev6.jsonl and dev7.jsonl.

IDEATION += [
    r"\bnot being (?:around|alive)\b",
    r"\b(?:" + BLADES + r"|" + DRUGS + r"|bleach|rope)\b[^.!?\n]{0,40}\bwhat (?:i|we) could do "
    r"with (?:them|it)\b",
    r"\b(?:can'?t|don'?t|cannot) see (?:a|any) reason to (?:keep going|live|go on|stay|be here|"
    r"keep living)\b",
    r"\b(?:died|dead|dying)\b[^.!?\n]{0,40}\bwish(?:ing|ed)? it (?:was|were|had been) me\b",
    r"\bkeep (?:looking|staring) (?:at|down at) the (?:water|drop|edge|tracks|river|sea)\b",
    r"\bdecided (?:that )?(?:i|we) (?:die|will die|should die|are going to die)\b",
]

SH_ACT += [
    r"\b(?:i|we) cut (?:last night|again|tonight|today|yesterday|this (?:morning|evening))\b",
    r"\bcan'?t stop (?:cutting|hurting myself|burning myself|scratching myself|self[- ]?harming)\b",
    r"\bcut deep(?:ly)?\b(?! into (?:the|my|our) (?:budget|savings|profits))",
    r"\bsteri[- ]?strips\b",
    r"\b(?:cut|went|it'?s|they'?re|wounds? (?:is|are)) deeper than (?:usual|ever|before|last "
    r"time|i (?:ever )?(?:have|meant))\b",
    r"\bod(?:'d)? ?(?:x ?\d|\d ?x)\b",
    r"\bjumped (?:out of|from) (?:the |a |my )?(?:\w+ )?(?:floor )?window\b",
]

PLAN_STRONG += [
    r"\b(?:legs|feet) (?:over|dangling over|hanging over) the (?:wall|edge|side|railings?|ledge|"
    r"parapet)\b",
    r"\bknow (?:exactly )?what (?:i'?m|we'?re) (?:going to|gonna) do with (?:them|it)\b",
    r"\bcancel(?:l?ed)? the (?:milk|papers|newspapers)\b",
    r"\b(?:letters?|cards?|notes?) (?:to|for) (?:each of )?(?:the|my) (?:kids|children|family)\b"
    r"[^.!?\n]{0,30}\b(?:when (?:they'?re|they are) older|after i'?m gone|to read after)\b",
    r"\b(?:passwords|bank details|pin numbers?|account details)\b[^.!?\n]{0,40}\b(?:envelope|"
    r"(?:left|written down|marked) for)\b",
    r"\b(?:nobody|no one) (?:would|will|could) (?:see|find|stop) me (?:there|in time)\b",
]

PLAN_STRONG += [
    r"\b" + DRUGS + r"\b[^.!?\n]{0,20}\b(?:i'?ve |i have |we'?ve )?(?:saved|stockpiled|hoarded|"
    r"collected|been saving|been collecting|squirrelled)\b",
]

# Means handed to someone else or locked away: a safety step, whatever words it shares
# with a farewell. The second opinion does not read such a clause.
SAFEKEEPING = (r"\b(?:gave|given|give|handed|passed) (?:them|it|the (?:pills|tablets|meds|blades|"
               r"razors|scissors)|my (?:pills|tablets|meds|medication|blades|razors|scissors)) "
               r"(?:back )?(?:to|over to) (?:my |a |the )?\w+(?: \w+)? (?:to (?:look after|hold|"
               r"keep|mind|lock up)|for safe ?keeping)\b|\block(?:ed)? (?:them|it|the \w+|my \w+) "
               r"(?:away|up)\b|\b(?:holds|keeps|looks after|is looking after) (?:my|our) "
               r"(?:meds|medication|pills|tablets|blades)\b|\b(?:threw|thrown|throwing) away "
               r"(?:the |my |all (?:the |my )?)?(?:razors?|blades?|razor blades|pills|tablets|"
               r"meds)\b|\brode (?:it|them|the urges?) out\b|\bsurfed the urges?\b")

# --- Added 2026-12-01 from dev8.jsonl.

IDEATION += [
    r"\btop(?:ping)? myself\b",
    r"\bthoughts? (?:of|about) (?:jumping|hanging|overdosing|drowning|crashing|"
    r"stepping in front)\b",
]

SH_ACT += [
    r"\b(?:took|taken|injected|had|swallowed) (?:far |way |much |a lot )?(?:more|too much)\b"
    r"[^.!?\n]{0,15}\b" + DRUGS + r"\b[^.!?\n]{0,40}\b(?:than (?:i|was)|on purpose|wanted it to "
    r"stop|to die|to not wake)\b",
]

PLAN_STRONG += [
    r"\bwhich (?:" + DRUGS + r"|method|way) (?:work|works|would work|is|are) (?:the )?"
    r"(?:fastest|quickest|best|most (?:lethal|painless))\b",
    r"\b(?:platform|edge|tracks|ledge|kerb)\b[^.!?\n]{0,60}\b(?:took|taking) a step (?:forward|"
    r"closer|towards)\b",
    r"\b(?:not going to|won'?t|will not) be (?:here|around|alive) (?:for|by|at|to see)\b",
    r"\bmade (?:all )?my (?:final )?arrangements\b(?! for)",
    r"\bnoose (?:in|under|ready|made|tied|hidden|up)\b",
]

# --- Added 2026-12-01 from dev9.jsonl.

IDEATION += [
    r"\bwant(?:ed|s)? (?:it all|everything|my life) to end\b",
]

SH_ACT += [
    r"\b(?:hanged|hung) (?:myself|ourselves)\b",
    r"\b(?:stood|lay|lying|standing) in the (?:road|traffic|middle of the road)\b[^.!?\n]{0,40}"
    r"\b(?:eyes (?:shut|closed)|waited for|waiting for) (?:a|the) (?:car|bus|lorry|truck)?",
]

# --- Added 2026-12-01 from dev10.jsonl: firearms, which the lists lacked, and
# preparation told as arrangements.
FIREARMS = r"(?:gun|guns|shotgun|rifle|pistol|handgun|revolver|firearm)"

SH_ACT += [
    r"\bshot (?:myself|ourselves)\b(?! in the foot)",
    r"\b(?:held|put|pressed) (?:a |the |his |my |dad'?s )?" + FIREARMS + r" (?:to|against) my "
    r"(?:head|chest|mouth|temple)\b",
]

PLAN_STRONG += [
    r"\b(?:told|telling) (?:no one|nobody|noone) where (?:i am|i'?m going|i was going|i'?ll be)\b",
    r"\beverything(?:'s| is) (?:arranged|sorted|ready|in place|set) for (?:tonight|tomorrow|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|the weekend)\b(?!'s)",
    r"\b(?:tonight|today|tomorrow) (?:i|we) (?:finish|end) (?:it|this|things)\b",
    r"\b(?:found|know|knows|found out) where (?:\w+ )?(?:keeps?|hides?|kept) (?:his|her|their|the|"
    r"my \w+'?s?) (?:" + FIREARMS + r"|" + DRUGS + r")\b",
]

PRESENT += [
    r"\b(?:bought|got|have|loaded|cleaned|holding) (?:a |the |my |his |dad'?s )?" + FIREARMS
    + r"\b",
]
