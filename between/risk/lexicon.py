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
    r"\bkill(?:ing|s|ed)? (?:myself|ourselves|us|himself|herself|themselves)\b",
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
    r"\b(?:death|dying) (?:sounds|would be|feels) (?:peaceful|like a relief|a relief|nice)\b",
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
    r"\b(?:fantasi[sz]\w*|dream\w*|daydream\w*) about (?:dying|death|being dead|killing "
    r"myself|not being here)\b",
    r"\b(?:begging|longing|desperate|ready|aching|yearning) to die\b",
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
            r"thought about|think about|thoughts? of|feel like|wish|nearly|almost|close to|"
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
    r"\bsh'?e?d\b",
    r"\bharmed (?:tonight|today|again|last night)\b",
    r"\bi cut\b",
    r"\bcut again\b",
    r"\bcut deeper\b",
    r"\bbeen cutting\b",
    r"\bcutting (?:every|again)\b",
    r"\breopened\b",
    r"\bused the (?:razor|blade)s?\b",
    r"\brelapsed\b",
    r"\bover ?dos(?:e|ed|ing)\b",
    r"\bod'?d\b",
    r"\b(?:took|taken|swallowed) (?:an overdose|too many|way too many|all (?:of )?(?:my|the)|"
    r"a load of|loads of|\d+ of my|a handful of)\b",
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
    r"|blades?|razor blades|razors?)\b[^.!?]{0,30}\b(?:for|ready|enough|now|when|hid|bag|"
    r"box|shoebox|sock|drawer|time|about \d+|forty|fifty|dozens)\b",
    r"\b(?:" + PILLS + r") saved\b",
    r"\bkeeping (?:it|them) for when\b",
    r"\b(?:wrote|written|writing|made) (?:my|a) will\b",
    r"\b(?:letters?|notes?) for (?:mum|mom|dad|my family|everyone)\b",
    r"\b(?:stood|standing|sat|sitting|waited|waiting) (?:on|at|near|by) the (?:edge|"
    r"platform edge|edge of the platform|bridge|roof|tracks|railway|cliff)\b",
    r"\b(?:platform edge|edge of the platform|fast train)\b",
    r"\b(?:look\w*|went|go\w*|visit\w*|star\w*) (?:at|to|up at) the (?:bridge|tracks|railway|"
    r"cliff|roof|multi-?storey)\b",
    r"\bgoing away for good\b",
    r"\b(?:gave|giving|given) (?:away )?my (?:cat|dog|pets?|guitar|things|stuff|belongings|"
    r"possessions|savings)\b",
    r"\bstockpil\w*\b",
    r"\bgoodbye (?:note|letter|message)s?\b",
    r"\bsuicide note\b",
    r"\b(?:wrote|written|writing|left) (?:a |my )?(?:notes?|letters?) (?:to|for) "
    r"(?:my (?:mum|mom|dad|family|sister|brother|kids|children|partner|friends?|son|daughter|"
    r"wife|husband)|everyone|all of them|[a-z]+ and my)",
    r"\b(?:have|got|made) a (?:plan|date)\b",
    r"\bwith a plan\b",
    r"\bplan(?:ning)? (?:to|how to) (?:kill|end|die|do it)\b",
    r"\b(?:i'm|im|i am|we're|going|gonna) (?:going to |gonna )?(?:kill myself|end it|end my life|"
    r"do it)\b",
    r"\btonight'?s the night\b",
    r"\b(?:i'?ve|we'?ve|i have) decided\b",
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
            r"hasn't|isn't|wasn't|without|zero|none|nothing like|no longer|won't|wont|free of)\b")
PAST = (r"\b(?:used to|years ago|long time ago|when i was|as a (?:teen|teenager|kid|child)|"
        r"back in|in (?:19|20)\d\d|\d+ (?:years?|months?|weeks?|days?) (?:clean|free|ago)|"
        r"(?:years?|months?) clean|clean from|clean now|free since|\w+[- ]free|since (?:january|"
        r"february|march|april|may|june|july|august|september|october|november|december|"
        r"last year)|celebrating|my old self|remember when|before therapy|in my (?:teens|"
        r"twenties|thirties)|been a long time|it's been|haven't \w+ in|haven't \w+ since|"
        r"grateful i'm still here)\b")
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
PARTS = r"\b(?:parts?|little one|alters?|headmates?|the angry one|inside me)\b"
MEDIA = (r"\b(?:film|movie|episode|series|show|book|novel|memoir|blog|documentary|podcast|"
         r"song|lyrics|reading|read about|recovery from|"
         r"game|character|play|article|essay|literature|hamlet|villain|scene|studied|course|"
         r"heroine|detective|tv|telly|bbc|netflix)\b")
ACCIDENT = (r"\b(?:accident(?:ally)?|by accident|chopping|cooking|shaving|opening|ironing|"
            r"gardening|bramble|fell|slipped|tripped|paper cut|the cat|knife slipped|lifting|"
            r"splinter|washing up|on (?:the|a) (?:broken )?(?:oven|tray|cupboard|door|door frame|"
            r"kettle|pan|iron|corner|table|printer|glass|nail|knife)|my (?:tea|coffee|tongue|"
            r"finger|thumb|knee|elbow))\b")
ON_PURPOSE = r"\b(?:on purpose|deliberately|over and over|until i|to feel|to punish)\b"
HYPERBOLE = r"\b(?:lol|lmao|haha+|jk|joking)\b"

# Diary shorthand with a number: "SI 4/5", "SH urges 3", "urge to die: 5".
SHORTHAND = (r"\b(?P<what>si|sh|suicidal ideation|self[- ]?harm|urges? to (?:die|self[- ]?harm|"
             r"sh|harm))(?:\s*urges?)?\s*(?:[:=]|was|is|was a|at|high|today)?\s*\(?\s*"
             r"(?P<value>\d{1,2})(?:\s*/\s*(?P<scale>5|10))?\)?")
SHORTHAND_WORDS = r"\b(?:passive si|having si|si (?:high|again|today)|si came back)\b"
