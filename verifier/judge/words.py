"""Short curated word lists: the closed classes of English whose members change what a sentence
claims (negators, hedges and conditions, quantifiers, directions, connectives, reporting verbs).
WordNet (lexicon.py) knows open-class words; these classes are where it is silent or misleading.
Every entry is a lower-case word form as the tokeniser produces it (normalised, apostrophes kept)."""

from __future__ import annotations

from enum import StrEnum


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---------------------------------------------------------------- the calendar

MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
# verbs whose 'up' or 'down' makes an idiom, no direction ("end up paying", "step down")
PHRASAL_VERBS = _words("give set take make end sign show back shut step break wind calm turn")
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
CALENDAR = MONTHS | WEEKDAYS  # words of a date, not names of anyone or anything

# ---------------------------------------------------------------- negation

NEGATORS = _words("not no never none nobody nothing nowhere neither nor without cannot unable non")  # "non-binding"
# verbs that negate the clause they govern when followed by "to" ("refused to pay" = "did not pay")
NEGATING_BEFORE_TO = _words(
    "refuse refuses refused refusing decline declines declined declining fail fails failed failing "
    "neglect neglects neglected neglecting unlikely"
)
# verbs that negate by themselves ("denied that" = "said it was not")
NEGATING_VERBS = _words(
    "deny denies denied denying lacks lacked lacking avoid avoids avoided avoiding refrain refrains refrained "
    "missing absent unless barring spared"
)  # "missing from the list" = "nowhere in the list"; "unless X" = "if not X"


def is_negator(word: str) -> bool:
    """A negation word ('not', 'never', 'non-') or a contraction of or with one ('didn't',
    "nobody's", "nothing'll")."""
    return word in NEGATORS or word.endswith("n't") or word.split("'", maxsplit=1)[0] in NEGATORS


def negates(word: str) -> bool:
    """A word that negates what it governs: a negation word or a negating verb ('denied')."""
    return is_negator(word) or word in NEGATING_VERBS


# "not only", "no doubt": a negation word that does not negate the statement
NOT_NEGATING_AFTER = {"not": _words("only just merely"), "no": _words("doubt wonder sooner matter")}
# "at no cost": a price, not a negation
NOT_NEGATING_BEFORE = {"no": _words("at")}
NEGATIVE_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis", "mis")


def prefix_opposite(a: str, b: str) -> bool:
    """'unusual' and 'usual', 'non-binding' and 'binding', 'unsealed' and 'sealing' (one
    derived from the other's base): one negates the other by a prefix."""
    for longer, shorter in ((a, b), (b, a)):
        bare = longer.replace("-", "")
        for prefix in NEGATIVE_PREFIXES:
            rest = bare[len(prefix) :]
            if bare.startswith(prefix) and len(shorter) >= 4 and (rest == shorter or _base(rest) == _base(shorter)):
                return True
        if longer.endswith("less") and longer[:-4] == shorter and len(shorter) >= 3:
            return True
    return False


def _base(word: str) -> str:
    """The word less one inflectional or derivational ending ('sealed', 'sealing': 'seal');
    the word itself when too little would be left."""
    for ending in ("ment", "ing", "ed", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


# ---------------------------------------------------------------- hedges and conditions


class Hedge(StrEnum):
    POSSIBLE = "possibility"  # may, could, might
    PROBABLE = "likelihood"  # likely, expected to
    REPORTED = "report"  # reportedly, allegedly
    CONDITION = "condition"  # if, unless
    INTENTION = "intention"  # plans to, aims to
    ESTIMATE = "estimate"  # estimated, projected, forecast


HEDGES: dict[str, Hedge] = {
    **dict.fromkeys(_words("may might could possibly perhaps maybe potentially conceivably"), Hedge.POSSIBLE),
    **dict.fromkeys(
        _words("likely likelier likeliest probably expected expect expects expecting poised presumably unlikely reckon "
               "reckons reckoned "
               "foresee foresees foresaw anticipate anticipates anticipated believe believes believed suspect "
               "suspects"),
        Hedge.PROBABLE,
    ),
    **dict.fromkeys(
        _words("reportedly allegedly apparently purportedly seemingly alleged seems seem seemed appears appeared"),
        Hedge.REPORTED,
    ),
    **dict.fromkeys(_words("if unless provided providing assuming barring"), Hedge.CONDITION),
    **dict.fromkeys(
        _words("plan plans planned planning aim aims aimed aiming intend intends intended hope hopes hoped seek "
               "seeks sought propose proposes proposed proposal want wants wanted strive strives striving strove "
               "endeavour endeavours endeavor endeavors aspire aspires aspiring"),
        Hedge.INTENTION,
    ),
    **dict.fromkeys(
        _words("estimate estimates estimated projected projection projections forecast forecasts predicted "
               "predicts predict"),
        Hedge.ESTIMATE,
    ),
}  # fmt: skip
# words that make what follows or precedes them conditional
CONDITIONS = _words(
    "if unless provided providing assuming barring conditional condition depends depend depending subject "
    "hinge hinges hinged hinging contingent"
)
# a passage's words that state a dependence a statement may give as a condition ("keeping
# the staff depends on orders" / "we must rely on orders to keep the staff"); not a condition
# in a statement ("instead of relying on volunteers' counts")
DEPENDENCE = _words("rely relies relied relying reliant")
# a statement's words that say a condition holds when it does ("warns when the module detects
# moisture" for "if it detects"), and a passage's that speak of one ("set conditions for", "whether")
CONDITION_LIKE = _words("when whenever once until")
CONDITION_NOUNS = _words("conditions condition conditioned whether prerequisite prerequisites")
# a statement's words that keep a question open ("will consider whether", "is unclear"): with
# none of them, and no hedge, a passage's "decide whether to X" is stated as settled by "will X"
OPEN_QUESTION = _words(
    "whether if consider considers considering considered decide decides deciding weigh weighs weighing debate "
    "debating discuss discussing investigate investigates investigating investigation examine examining examines "
    "review reviewing assess assessing study studying explore exploring question questions unclear unknown "
    "uncertain undecided open"
)
# words that stand for the other side's hedge over the same words without being one on their own
# ("owners may drive" / "can drive"; "is expected to" / "is due to", "should"): they never count
# as added or dropped (a 'will' in the place of a passage's 'can' or 'should' is compared apart)
QUOTED_HEDGES: dict[str, Hedge] = {
    **dict.fromkeys(_words("can able"), Hedge.POSSIBLE),
    **dict.fromkeys(_words("should due"), Hedge.PROBABLE),
}
# a hedge of one class is a fair rewording of another in the same row
HEDGE_EQUIVALENTS = {
    Hedge.POSSIBLE: {Hedge.POSSIBLE, Hedge.PROBABLE, Hedge.ESTIMATE},
    Hedge.PROBABLE: {Hedge.PROBABLE, Hedge.POSSIBLE, Hedge.ESTIMATE, Hedge.INTENTION},
    Hedge.ESTIMATE: {Hedge.ESTIMATE, Hedge.PROBABLE, Hedge.POSSIBLE},
    Hedge.REPORTED: {Hedge.REPORTED, Hedge.POSSIBLE},
    Hedge.CONDITION: {Hedge.CONDITION},
    Hedge.INTENTION: {Hedge.INTENTION, Hedge.PROBABLE},
}
# approximate figures: a rewording of "estimated" ("an estimated 40" -> "about 40")
APPROXIMATORS = _words("about around roughly approximately nearly almost some estimated")
# a thing done or so now, and a thing to come: one for the other changes what is claimed
ACCOMPLISHED = _words("already currently presently now")
# auxiliaries: after "do" or a modal a "not" negates the verb ("do not stop"); all of them end the
# phrase of the noun before them ("members using federal benefits | will be exempt")
MODAL_AUXILIARIES = _words("do does did will would can could should must may might shall")
PERFECT_AND_BE = _words("have has had is are was were")
AUXILIARY_VERBS = MODAL_AUXILIARIES | PERFECT_AND_BE
FUTURE = _words("will shall 'll would going")

# ---------------------------------------------------------------- quantifiers and scope

SCOPE_RANK: dict[str, int] = {
    **dict.fromkeys(_words("few handful rarely seldom"), 1),
    **dict.fromkeys(
        _words("some several certain part partly partially partial sometimes occasionally various number"), 2
    ),
    **dict.fromkeys(_words("many numerous often frequently regularly routinely commonly"), 3),
    **dict.fromkeys(
        _words("most majority mostly largely mainly predominantly generally usually typically chiefly primarily "
               "principally bulk"),
        4,
    ),
    **dict.fromkeys(
        _words("all both every each always entire entirely whole wholly full everyone everybody everything everywhere "
               "nationwide worldwide universally fully completely"),
        5,
    ),
}  # fmt: skip
EXCLUSIVE = _words("only solely exclusively sole")  # not "alone": "in 2024 alone" stresses, it does not restrict
# scope words a statement cannot add to a generic statement without widening it ("applies nationwide");
# a determiner ('all', 'every') added to a generic plural mostly says the same
ABSOLUTE_SCOPE = _words("nationwide worldwide everywhere universally always entirely completely wholly whole entire")
RANK_RESTRICTORS = _words("among one")  # "among the largest", "one of the largest"
ORDINALS = _words("second third fourth fifth sixth seventh eighth ninth tenth 2nd 3rd 4th 5th 6th 7th 8th 9th 10th")
RANKED = _words("largest biggest greatest highest lowest smallest best worst leading top main first last fastest")

# ---------------------------------------------------------------- direction and comparison

UP = _words(
    "rise rises rose risen rising increase increases increased increasing grow grows grew grown growing gain gains "
    "gained gaining climb climbs climbed climbing jump jumps jumped jumping surge surges surged surging soar soars "
    "soared soaring expand expands expanded expanding enlarge enlarges enlarged widen widened broaden broadened "
    "raise raises raised raising boost boosts boosted boosting up "
    "higher more greater larger bigger exceed exceeds exceeded accelerate accelerated accelerating strengthen "
    "strengthened improve improves improved improving double doubled triple tripled faster stronger better "
    "upward upwards gains growth surplus earlier ahead before above over quickly rapidly"
)
DOWN = _words(
    "fall falls fell fallen falling decrease decreases decreased decreasing decline declines declined declining "
    "drop drops dropped dropping shrink shrinks shrank shrunk shrinking slip slips slipped sink sank plunge plunged "
    "plunging tumble tumbled contract contracted contracting lower lowered lowering cut cuts cutting reduce reduces "
    "reduced reducing narrow narrowed narrows down less fewer smaller trail trailed slow slowed slowing slower "
    "weaken weakened weaker "
    "worsen worsened worse halve halved downward downwards lag lagged loss deficit later behind after below under "
    "short shy slowly"
)
# pairs of opposite roles whose exchange reverses a statement
ROLE_OPPOSITES = (
    ("towards", "away"), ("toward", "away"),
    ("export", "import"), ("exports", "imports"), ("exported", "imported"), ("exporter", "importer"),
    ("buy", "sell"), ("bought", "sold"), ("buyer", "seller"), ("buyers", "sellers"), ("win", "lose"),
    ("won", "lost"), ("winner", "loser"), ("lend", "borrow"), ("lent", "borrowed"), ("lender", "borrower"),
    ("plaintiff", "defendant"), ("employer", "employee"), ("creditor", "debtor"), ("hire", "fire"),
    ("hired", "fired"), ("open", "close"), ("opened", "closed"), ("approve", "reject"), ("approved", "rejected"),
    ("support", "oppose"), ("supported", "opposed"), ("supports", "opposes"), ("accept", "reject"),
    ("accepted", "rejected"), ("include", "exclude"), ("included", "excluded"), ("allow", "ban"),
    ("allowed", "banned"), ("permit", "prohibit"), ("permitted", "prohibited"), ("profit", "loss"),
    ("rich", "poor"), ("public", "private"), ("domestic", "foreign"), ("inflow", "outflow"),
    ("inflows", "outflows"), ("majority", "minority"), ("maximum", "minimum"), ("success", "failure"),
    ("succeeded", "failed"), ("strong", "weak"), ("high", "low"), ("large", "small"), ("cheap", "expensive"),
    ("cheaper", "costlier"), ("early", "late"), ("new", "old"), ("temporary", "permanent"),
    ("legal", "illegal"), ("broad", "narrow"), ("limited", "unlimited"), ("wide", "narrow"),
)  # fmt: skip

# ---------------------------------------------------------------- connectives


CAUSAL = _words(
    "because due owing thanks therefore thus hence consequently cause causes caused causing result results resulted "
    "resulting lead leads led leading trigger triggers triggered triggering drive drives drove driven driving fuel "
    "fuels fueled fuelled fueling spur spurred prompt prompted prompting blame blamed attribute attributed so "
    "since reason why contributing contributed"
)
# words by which a passage states a cause or a purpose less plainly than "because" ("longer opening
# hours imply higher wages"; "extra staff, to ensure that the desk stays open"): a statement that says
# "because" or "so that" there has not invented the link
CAUSAL_IN_PASSING = _words("implies implied imply reflecting reflects reflected ensure ensures ensuring through")
CONTRASTIVE = _words("but although though however despite whereas yet nevertheless nonetheless while")
TEMPORAL = _words("after before then later following when while once until")

# ---------------------------------------------------------------- reporting verbs

SPEAKER_GROUPS = _words("both all")  # "Both operators said": more than one speaker
REPORTING = _words(
    "say says said saying tell tells told state states stated add adds added note notes noted argue argues argued "
    "claim claims claimed warn warns warned write writes wrote written explain explains explained insist insists "
    "insisted believe believes believed announce announces announced report reports reported acknowledge "
    "acknowledged admit admits admitted confirm confirms confirmed contend contends contended maintain maintains "
    "maintained observe observed stress stresses stressed emphasise emphasised emphasize emphasized point pointed "
    "predict predicted suggest suggests suggested according told recalled recall describe described call called "
    "conclude concludes concluded find finds found show shows showed"
)
# words too light to carry a claim of their own: a statement that adds one still says the same
LIGHT = _words(
    "ought like there's there get gets got make makes made put puts take takes took thing things way ways "
    "really actually just simply merely even also still already lot lots bit kind sort going go goes went come comes "
    "came"
)
# prepositions and conjunctions the lexicon does not list (it has content words only): capitalised
# at the start of a sentence they are no names
GRAMMAR_WORDS = _words(
    "among amongst amid amidst although whereas towards toward upon since nor whose whoever whenever beside onto "
    "per via versus whether whichever whatever whilst albeit"
)
# places of different extent: one in another's place widens or narrows what is said ("in the region" /
# "in the country")
PLACE_EXTENTS = _words(
    "world worldwide globe continent country nation nationwide region regional province provincial state county "
    "city town village district"
)
# units of time after 'each'/'every' make a rate ("each year" = "a year"), not a scope
PERIODS = _words("year month week day hour quarter season night morning evening")
# titles that many speakers share: they never tell one speaker from another
HONORIFICS = _words("dr doctor mr mrs ms miss prof professor sir dame rev reverend")
# nouns that stand for the page itself: "the report found" needs no speaker on the page
SELF_REFERENCES = _words(
    "report article study paper author authors analysis statement survey review piece essay release op-ed "
    "document note editorial column researchers writer writers it they"
)
