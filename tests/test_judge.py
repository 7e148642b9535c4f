"""The quote judge's behaviour, one kind of change at a time: each meaning change comes out
`distorted` with the edit that shows it (and a note naming both sides), and its faithful
counterpart stays supported. Every page here is short and written for these tests, so that the
words alone settle the verdict (semantic=False); only the cases that need meaning load the
embedding model. Kinds of change: tests/quote_corpus/README.md; edits: SPEC.md."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.quote_helpers import shared_embedder
from verifier.judge import operators
from verifier.judge.align import tokens_of
from verifier.judge.edits import Judgement
from verifier.judge.figures import extract_figures
from verifier.judge.kinds import Edit, EditKind
from verifier.judge.matcher import QuoteMatcher
from verifier.judge.page import split_sentences
from verifier.judge.verdict import DEFAULT_CLAIM_THRESHOLDS, DEFAULT_QUOTE_THRESHOLDS, decide
from verifier.records import Match, QuoteKind, QuoteVerdict

QUOTE, CLAIM = QuoteKind.QUOTE, QuoteKind.CLAIM
SUPPORTED = frozenset({QuoteVerdict.VERBATIM, QuoteVerdict.NEAR_VERBATIM, QuoteVerdict.PARAPHRASE})


def judge(page: str, statement: str, kind: QuoteKind = QUOTE) -> Match:
    return QuoteMatcher(semantic=False).match(page, statement, kind)


def kinds(match: Match) -> list[str]:
    return [e.kind for e in match.edits]


# ---------------------------------------------------------------- pages written for these tests

TRAINS = (
    "The agency is adding 14 percent more peak trains on the Blue Line. The agreement is non-binding on the "
    "operators."
)
INTERVIEW = (
    "Fire chief Ana Delgado spoke to us on Monday.\n\nQ: Critics, including County Commissioner Leon Farris, say "
    "the district should find savings. What's your answer?\n\nA: I respect Commissioner Farris, and he's right "
    "that the district has to justify every dollar."
)
QUARRY_ROAD = (
    "Traffic wardens counted every vehicle on the quarry road for a week. Most lorries do not stop in the village "
    "but drive straight through to the quarry, the count found. The parish wants a weight limit."
)
DIVERTED = (
    "The strike closed the terminal on Monday. Seven vessels had already been diverted, five of them to Farnhold "
    "and two to the southern port of Lissby Cove, she said. Talks resume on Friday."
)
BUS_RECALL = (
    "The recall covers 140 buses built in 2019. Northline, which runs 30 of the model, said it did not expect any "
    "cancellations, as the recalled batch went to other operators. Workshop repairs of recalled buses take two days. "
    "Westway said it expected no delays, as none of its buses are in the batch."
)
TRIM_DIRECTIVE = (
    "The directive covers the T-90 jets built before 2021. It does not apply to the Teralis T-70, an earlier "
    "turboprop model that uses a different trim system. Operators have 60 days."
)
LAB_HIRE = (
    "The chef hired Dr Tomasz Wieland, a microbiologist, in March. The lab opened in May. It has four benches. "
    "Samples are tested daily. Results go to the kitchen by noon. \"Tomasz is stricter than I am about safety, "
    "which is why I wanted him,\" she said."
)
CARRIERS = (
    "We still think Aurelle is among the best-run mid-sized carriers in the region. Bookings can be changed by "
    "email or at the co-operative's desk."
)
TUITION = (
    "Tuition will rise 4.5 percent at the Carrow campus. If the General Assembly approves the 5 percent increase in "
    "state operating support, the board has committed to reducing the in-state increase to 2.5 percent."
)
RESERVOIRS = (
    "The reservoir is below average too, but not dramatically so, because it has a larger catchment and it is fed "
    "partly by groundwater. The lawyer asked whether the attackers could have got in some other way. She said they "
    "might have."
)
CELLS = (
    "The plant opens in 2026. In manufacturing, dates slip. If the first cells come in early 2027, I won't be "
    "shocked, Salo said. The site has room for a second line."
)
HEAT_PUMPS = (
    "Brandmoor is one of the country's larger makers of heat pumps. Its bid was around a fifth cheaper than the "
    "nearest competitor, the council said."
)
DEPOT = (
    "We're funded for 112 full-time firefighters and we have 97. On September 28, the last 86 buses entered "
    "service, and all 1,508 buses on 96 routes are now electric. The consultants found no immediate risk of "
    "collapse but said vehicles must stay off. Route 12 buses will no longer stop at Kingsmere Road while the "
    "bridge is closed. Keeping the older jets flying for longer implies higher fuel and maintenance costs."
)
SCHOOLS = (
    "The transport cost appears on page 31 and nowhere in the summary. If a recycling system is not planned "
    "ahead, it could create new financial pressure."
)
MINING = (
    "Marta Solberg, a marine biologist, wants a moratorium.\n\nGerard Vance, chief executive of Abyssal Metals, "
    "said the seabed was lifeless. \"Nobody lives down there,\" he told a conference in London."
)
FESTIVAL = (
    "This is the third time in the past four editions that the top prize has gone to a debut film. The jury met "
    "in all four host cities."
)
TEA = (
    "She brought two boxes of tea to give to customers in Hengzhou. Guangzhou is the biggest city nearby. In many "
    "American states the same procedure takes several years. The US has fifty states."
)
CHESS = (
    "Coach Huang Jianping watched from the front row. Wang Li, vice-chair of the Chess Association, said that the "
    "result proves that the work with young players is bearing fruit. Acme's finance director, Daniel Osei, has "
    "said the group prefers loyalty discounts."
)
RECALL = (
    "Dealers in the region learn from each other. Until the repair is completed, owners may continue to drive "
    "their cars. Replacement parts are expected to be available to dealers from 3 June, subject to supplier "
    "capacity. We estimate the recall will cost the company about 210 million euros. The update displays a "
    "warning if the module detects moisture. The plan is right, but the key is whether the service can keep up. "
    "If the beds are only installed but nobody visits, they will stay empty."
)
RECALL_2 = "If the firm can show it can do it, others could come under pressure to follow."
TOWNS = (
    "Footfall fell by 6 percent over the same period in Westhaven, and by similar amounts in most comparable "
    "cities. The ministry expects at least 65 percent of over-75s to get the vaccine."
)
SURVEY = (
    "Nine in ten residents back the tram. Fewer than one in five of the destroyed homes have been rebuilt. About "
    "3.4 million birds were culled this autumn, and the cleanup cost 146 million euros. The broker cut its target "
    "to 284 pence and expects a 0.25 percentage point cut in rates. Most animals collected below 4,000 metres were "
    "new. Shipments to one pharmacy exceeded 1.2 million pills, more than 30 times the average."
)
COUNCIL = (
    "The regional council voted on Tuesday to extend the tram network. The council did not approve the new bus "
    "depot, and the mayor refused to sign the parking plan. Ticket prices rose 12 percent in 2023, and at least "
    "40 stations will be rebuilt. The mayor signed the housing plan in May."
)
DELAYS = (
    "Delays of this length are unusual on the northern line. Last winter, the operator said such closures were "
    "not usual."
)
RENTS = (
    "Rents in the capital rose faster than wages last year. Fewer homes were built than in 2019. Food prices "
    "fell in the autumn."
)
BANK = (
    "The central bank may raise interest rates in March if inflation stays above 4 percent. The steel plant will "
    "close in June. The new battery plant is expected to hire 300 workers."
)
REACH = (
    "Some farmers in the valley lost their harvest to the floods. The port of Rotterdam is among the largest in "
    "the world. Most residents of the island voted for the bridge. The ban on plastic bags applies in two states."
)
FACTORIES = "The carmaker opened a battery factory in Poland last year. Its main rival expanded a plant in Hungary."
LAWSUIT = (
    "Acme Corp sued Globex in 2022 over a patent for solar inverters. Steel shipments from Brazil to Canada "
    "doubled last year."
)
EXPORTS = (
    "Exports fell sharply in the spring. The currency strengthened against the dollar. Factories cut output "
    "because energy prices soared."
)
BUDGET = (
    '"This budget is a disaster for young families," said opposition leader Maria Keller. Finance Minister Tom '
    "Berg said the plan would cut the deficit by half."
)
FARM_LAW = "The new law gives the agency limited powers to inspect farms. The harbour is deep enough for large tankers."
PIER = "Inspectors found rust on the cables and cracks in the deck of the old pier. It reopens in May."
BREWER = "Copperfold Mills, the valley's third-largest paper maker, will close its site in Dunmere next spring."
TOLL = "The toll will rise to $9 for lorries over 12 tonnes from April. Cars pay $4."
ORCHARD = (
    "Tomas Brandt, who runs the Hollow Lane orchard, said the frost had cost him half his crop. Ines Varga, a plant "
    "scientist at the Fenmoor Institute who has studied late frosts in the region for a decade, said such losses "
    "were becoming more common. \"Blossom now opens two weeks earlier than it did,\" she said."
)
WAGE = (
    "The harbour levy doubles next year. Shipping agents have warned that the second rise could push small "
    "ferry lines out of the port. The dockers' union says the levy should go higher still."
)
SHARES = "Trading was quiet. Orlen Foods lost 9% on Tuesday, while Pazmo's lost 3% in Lisbon. Gold was flat."
SAMPLES = (
    "The bird was ringed at Corley Marsh, one of 5,600 sightings logged by volunteers since 2016. The chess club "
    "won the derby 3.5 to 0.5."
)
MEASLES = (
    "A single spark can ignite the dry grass across the whole ridge. The new barriers should hold back most of "
    "the floodwater, the engineers said."
)
PARKING = (
    "The school board will vote in May on whether to close the swimming pool on Abbey Road. The rowing club will "
    "strive to treble its membership by 2031."
)
TRAIN = "The bypass should shorten the drive from 3 hours to 1 and a half hours, the surveyors said."
WIND = "The bakery chain sold 2.3 million loaves in March, 6 percent above plan."
INNS = (
    "Along the canal at Wexley, 27 farms have put up wind pumps. The trust will close 5 of its 9 museums on "
    "Mondays from June."
)
BRANCHES = (
    "Under the timetable, the 8 older trams will run only at weekends, and four newer trams will run every day "
    "as before."
)
PEAK = "The river may not have crested yet, the forecasters warned."
CLINIC = (
    "\"The numbers are encouraging,\" said Dr Ruth Amadi. Dr Paul Serra, a vet at the county clinic, said the "
    "clinic had opened a second ward. \"Owners should bring the animal's records,\" he said."
)
AWARDS = (
    "At the book fair, the debut prize went to Tomas Lind for \"Glass Harbour\", the poetry prize went to Ada Penn "
    "for \"Night Orchards\", and the readers' prize went to \"Glass Harbour\" as well."
)
CRUISE = (
    "The port authority announced new rules for cruise ships on Monday. The authority expects the measures to cut "
    "the harbour's daily traffic by about a quarter. Local traders fear the loss of visitors. A review is due in "
    "two years."
)
BRIDGE = "The bridge was closed for repairs on Monday. Traffic was diverted through the old town."
PARISH = (
    "The fees for the tenants became a burden for the landlord. In Marsh Hollow, one of the oldest parishes in "
    "the county, a survey found that 41 percent of homes had no broadband. The school in Alder Creek closed in "
    "2019. The growers did not sit and wait for the rain. The district may open on Fridays, provided it keeps "
    "150 teaching days. The senate voted 30 to 19 to let any county set its own speed limits. The footbridge, "
    "built as part of the 2024 plan, opened in May."
)
PUBLISHER = "\"Our readers are not paying for paper, they're paying for trust,\" the publisher said."
TENANTS = "\"Nobody from the council has ever asked the tenants,\" she said."
HARBOUR = (
    "The levy would raise 1.5 to 2.5 percent of the school budget. Permits usually take 6-10 weeks. The firm has "
    "not built factories abroad; instead it upgraded its home plant in Oddvik. Repairing the pier would cost 40 "
    "percent more than removal, the council said.\n\nLi Wenhua, head of the port authority, spoke on Monday.\n\n"
    "Li said the port expects cargo to exceed 40 million tonnes."
)
REGATTA = (
    "The rowing club has lost its best coach. Without him, the club is likely to lose the regatta in June, its "
    "members fear."
)
TOWN_HALL = (
    "Ortiz said the council was weighing options that include a new levy and a hiring freeze. "
    "\"If the town cuts spending, we think the target is within reach,\" said Ana Ruiz, an economist at Fenbank. "
    "Schools must keep 150 teaching days and 1,080 hours of teaching a year. The new rules could take more than a "
    "year to come in. Pupils fell behind by five to "
    "seven weeks of learning."
)
GUILD = (
    "Olsen, who chairs the bakers' guild, said about one in four of its small and independent member bakeries "
    "closed last year."
)
STUDY = (
    "The researchers found no clear increase in risk among people who took the drug for less than three months. "
    "The trust, which paid for the study, said it had had no role in the design of the study. The club ends the "
    "season without a trophy for the first time since 2015.\n\nThat is their job. The union in Harwick says "
    "Dalby gave up too much; in Tarn, farmers say Orsa gave away the water."
)
FLOODS = (
    "Marta Lind, the governor of Aldby, visited the shelters on Monday.\n\n\"The village is cut off for now,\" "
    "Ruud said.\n\nBrenco's finance director, Rafael Ostrom, said in July that it was in no hurry. "
    "\"We have the cash for small deals, but we won't overpay,\" he said.\n\n"
    "Brenco trades at 15 times earnings, a discount to its average of 17 times; Tarvik, at 19 times, trades at a "
    "premium to its rival. If wages do not ease, rates may need to stay high for longer. Floods are among the "
    "most costly disasters towns face. Ostby is one of the busiest ports in the region."
)
LEDGER = (
    "Brava is more sensitive than its rival to input costs: we estimate that each 10% rise in wheat prices would "
    "cut its operating margin by about 40 basis points, twice the 20 basis points for Mardon. Kova said the union "
    "would oppose compulsory redundancies and would not rule out a strike if the firm refused to talk. There "
    "were 9.2 falls per 1,000 people each year among users. Hale said the most likely cause was the weather. The "
    "county sent some 400 workers to the coast. The 900 letters were identical except for the sender's name. "
    "Today, going from Ulm to the capital takes less time than a meal, Zhao said. Brava ended June with debt of "
    "2.6 times earnings. Ines Rook, a judge at the Tolva court, said the ruling was final. The county paid some "
    "$3 million for the sea wall."
)
MAYORS = (
    "Marta Selin, the governor of Dovra, welcomed the ruling.\n\nAnton Berg, the mayor of Lund, was more "
    "cautious. \"We have won the vote,\" he said. \"I will celebrate when the money arrives.\"\n\n"
    "Liv Sandberg, the mayor of Kell, stayed silent.\n\n\"We said yes to the dam in good faith,\" Mr Dahl "
    "said. \"We expect the state to pay for the damage.\""
)
FOUNDERS = (
    "Ana Vik co-founded Lumo in 2018 with Per Dahl, her former doctoral student and now the firm's chief "
    "technology officer."
)
BRIEFING = (
    "Analysts: Mira Solberg, Jon Arne\n\nMost of the delay is in Ostby, chiefly at the docks. Each strike day "
    "costs the city between £2m and £3m, mostly through lost hours. Few firms took part in the scheme. Response "
    "times in the eastern part of the county will not improve. The board proposed a dividend of 2 crowns for "
    "every 10 shares. Dr Vane, who is not involved in the trial, called it promising. Where cracks are deeper "
    "than 2 mm, the part must be replaced. We think demand could grow again in 2026. \"The crews did what they "
    "were trained to do, and that is why nobody was hurt,\" Foss said. Homes left empty for more than 180 days a "
    "year would pay the levy. The plan gives Tarn 47 of the 91 seats; 29 went to others. We expect a surplus this "
    "year, against a deficit of 90,000 tonnes in 2024. The number of patients waiting more than a year fell to "
    "1,870, down from 2,640."
)
FLIGHTS = (
    "The second incident, on 12 March, happened on a flight from Varby to Ostholm aboard a Tarn Air jet. The "
    "city's combined tax rate is 7.5 percent, while Kessel raised its own rate to 9 percent in 2021. No hospital "
    "in the region has met the target since 2016."
)
LEVY = (
    "A levy can raise money quickly. It cannot, on its own, close the gap in the town's budget. The new rules "
    "could, in some cases, cover a single spreadsheet used to sort applicants."
)
HOSPITAL = (
    "Northfield hospital opens its new wing\n\nThe regional health board opened the long-delayed east wing "
    "of Northfield hospital on Monday, two years after the original date, following a dispute over the "
    "building contract and a shortage of specialist nurses that had kept the finished rooms empty through "
    "the winter. Patients from three neighbouring districts will be treated there from next month.\n\nDr Ana "
    "Vell, who runs the hospital's kidney unit, spoke at the opening about the staff she still needs to "
    "recruit.\n\nThe new wing has 40 beds and cost 12 million crowns, according to the board's "
    "accounts.\n\nThe hospital treats about 9,000 patients a year."
)
WEIR = (
    "Upriver, in the mill town of Brask, farmers and fishing guides have lobbied for the weir's removal for ten "
    "years. Downriver, in Tolm, many residents see that as the end of their harbour. Upside risks include "
    "cheaper steel and a weaker krona; downside risks include a strike at the Vell mine and later permits."
)
ORCHARDS = (
    "Apple yields in Lenby rose by 14 percent over the two years after the scheme began, compared with 11 percent "
    "in Harrow. Fires have burned roughly twice the average area for the season."
)
HARVEST = (
    "Marwick took one tanker back on Monday, a move Norvia's government said it understood. The wage bill will "
    "fall by about £8 million, "
    "maybe more if we sell one or two players in January, Roe said. \"The results were better than we expected,\" "
    "Chen said. A shelf stacker at most large supermarkets earns more. \"The fix was a setting. It would probably "
    "have taken an hour.\" \"This land grew maize, and in a dry year we could barely break even,\" said Ma Lin, 52, "
    "who has worked on the farm since 2019. \"Now I collect rent for my land.\" It reached 44.1 degrees Celsius "
    "on Tuesday."
)
MILL = (
    "The fare change is meant to reverse a fall in passenger numbers. \"It's cheaper, that's good, but the tram is "
    "already full,\" a commuter said. Most of the flour comes from the valley. Some of it takes two years to "
    "mature, so the first menus lean on bought produce. \"I don't know yet if we'll manage it,\" the chef said. Dr "
    "Tomasz Wieland will run the lab. \"Tomasz is stricter than I am,\" she said."
)
TREASURER = "\"I just don't know where the money will come from,\" the treasurer said."


WELLS = (
    "Rainfall was low across the province. Ostrava draws half of its water from wells, and the water table "
    "there has been sinking for a decade, "
    "slowly, by a few centimetres a year. The council wants the pumps replaced as fast as possible. Water use in "
    "the town fell by about 7 percent in June compared with June last year. The river has run dry only twice in "
    "the last century. Any payment from the state is unlikely to arrive before the spring. The town has avoided "
    "the rationing that hit its neighbours. A complaint filed by one neighbouring town is still pending. "
    "Turnout rose most among younger voters in Ostrava and Lenz."
)


GAZETTE = (
    "The Harbour Gazette quoted Ilse Marr, head of the port board, as saying that the new cranes were running two "
    "years late. Tomas Vend, the union's leader, said the delay had cost his members their overtime."
)


NOTE = (
    "Harbour freight: a slow spring\nAnalysts: Malin Ostrova (lead), Tova Lindqvist\n\n"
    "We cut our volume forecast for the second quarter. Freight volumes at the port rose 4 percent in March, "
    "according to the port authority. \"Rates will fall before the summer,\" said Tova Lindqvist, who covers the "
    "shipping lines in our team. We keep our rating on the port operator."
)


HOSPITAL_FEES = (
    "Parking fees at the hospital rise 4 percent in September. Nurses working night shifts will be exempt from the "
    "parking charge. Drivers at the depot voted in favour of the plan by 79 percent."
)
ROAD_CAMERAS = (
    "Speed cameras will go up on both roads. On the A41, the cameras will be switched on in May; on the A52, they "
    "will be switched on from 3 March. The line has a design speed of 350 kilometres per hour; at first trains will "
    "run at 300 kilometres per hour."
)
BERTH_INTERVIEW = (
    "Harbour master Ines Tovar on the new berth\nBy our correspondent\n\nInes Tovar has run the port of Kellby for "
    "nine years. We spoke to her on Monday about the new deep-water berth, the dredging and the complaints from "
    "fishermen.\n\nQ: How long will the dredging take?\n\nA: About four months, if the weather holds. We start in "
    "March and finish before the summer.\n\nQ: Who pays for it?\n\nA: The port pays two thirds from its own "
    "reserves and the regional fund pays the rest. Nothing comes from the town budget.\n\nQ: Critics, including "
    "councillor Olaf Brenn, say the berth will drive away the fishing fleet. What is your answer?\n\nA: I understand "
    "the worry, but the fishing quay stays where it is and keeps its own entrance."
)
PILL_FEES = (
    "The study followed 40,000 patients for six years. One of its nine authors received consultancy fees from Pelham "
    "Pharma, which makes a rival pill.\n\nCorrin Labs, which makes velnoxan, said the drug had been used safely "
    "for years."
)
PORTS_PULL = (
    "Trade data show that the pull of the capital on the smaller ports along the coast has grown since the "
    "motorway opened."
)
KESSBY_WARDS = (
    "In Kessby, the Greens were ahead in 9 of the town's 12 wards. On the ring road the limit drops from 100 to "
    "80 km/h in both directions."
)
TWO_RESERVES = (
    "The survey covered two reserves, Ravel Fen and Ostby Moor. Beetles rose slightly at the Ravel Fen reserve, by "
    "about 6 percent. Ravel Fen and Ostby Moor lost a third of their bees. The deal split the lake between Kirvik and "
    "Pellan. Nationalists in both countries complain that their side gave the water away."
)
POWER_CUTS = (
    "Grid operators said about 38,000 homes in Tolven and 21,000 in Harrowby were without power on Tuesday night. "
    "Crews expect to restore most of them by Friday."
)
FLAT_PRICES = (
    "Since 2019 the cost of a space has been folded into the price of every flat, whether or not the buyer owns a car."
)
STUDY_ASIDE = (
    "Professor Ana Liss, a statistician at Kerrow who was not involved in the research, said the study was large and "
    "carefully done. Up to 4.2 million crowns will come from a sports grant, which has not yet been awarded."
)
VILLAGE_INCOME = (
    "Skiing has lifted incomes in the valley. In Lanxi Village at the foot of Pell Mountain, 43 households have opened "
    "inns, and they are fully booked almost every weekend in winter. \"In the past, winter was the slack season. Now "
    "we are busier in winter than in summer,\" one innkeeper said. According to statistics, the per capita income "
    "of Lanxi Village villagers reached 31,000 yuan last year, an increase of 12% over the previous year."
)
AMENDMENT = (
    "Councillor Gale proposed an amendment to fund the hours from the council's reserves, which was defeated by 33 "
    "votes to 22. The council proposes to close two branches on Mondays."
)
FEES_AND_HOURS = (
    "The council raised parking fees by 20 percent in March. The library's opening hours were extended in June."
)
KELLBY_INTERVIEW = (
    "The new berth\nBy our correspondent\n\nThe port of Kellby is building a deep-water berth that will take ships "
    "twice the size of those it handles now. Dredging starts in March, the regional fund pays a third of the cost, and "
    "the fishermen who use the old harbour have complained for months that nobody asked them. Their boats share the "
    "channel with the dredgers until the summer. We spoke to the harbour master, Ines Tovar, on Monday.\n\n"
    "Q: Critics, including councillor Olaf Brenn, say the berth will drive away the fishing fleet. What is your "
    "answer?\n\nA: I understand the worry, but the fishing quay stays where it is and keeps its own entrance."
)
TWO_OPERATORS = (
    "Drivers at two rail operators will strike on Friday. Kelvale, which runs most of the suburban lines, said it "
    "expected to run no more than one train in five on strike days. Marrow Rail said it would publish a timetable on "
    "Thursday.\n\nBoth Kelvale and Marrow Rail said fares would be refunded in full."
)
FERRY_PRICE = (
    "\"We'll talk to whoever wins, but our price is the ferry subsidy, and it's not negotiable,\" Ora Lund told "
    "reporters on the quay."
)
COUNCIL_PLAN = "The mayor said the council has not approved the plan, though the budget is ready."
LIGHTHOUSE = (
    "The Skarvik lighthouse will be handed back to the town, more than 90 years after the navy took it over in "
    "1934. Its lamp sits under forty metres of rock and cliff. \"My worry isn't the cost but the timing,\" said "
    "the mayor, Inga Holt. \"The key is not only the money, but also the staff.\" The keeper's cottage will be let "
    "for 900 crowns a month per room. Visitors come from all over to see the tower, which leans, sometimes by as "
    "much as a degree in winter storms. If there were a second storm season like the last, the town would have to "
    "close the tower. The council may spend up to half of its 2 million crown reserve on repairs.\n\nThe "
    "harbour master warned that walkers would be visiting a ruin within a decade if nothing was done."
)
TIMBER_YARD = (
    "Harbour timber\n\nThe Nordvik Timber Group has a problem with its stored logs. Its director, Eva Lind, said the "
    "group was considering a complaint to the port authority, but added that no decision had been taken. "
    "\"Green oak looks sound, but if you let it dry out without treatment it splits,\" said the yard's conservator. "
    "The yard's whole budget for storage has been cut. We must rely on steady orders to keep the staff, Lind said. "
    "The analysts think the discount is justified while the group's margin is falling. About half of the money will "
    "come from savings the yard had already planned."
)
PERMITS = (
    "Walkers without a permit will be asked to come back another day. The park authority does not intend to issue "
    "fines in the first season, but has not ruled out doing so later.\n\nThe minister said the government would "
    "bring forward a bill before the summer recess to end the change. What the bill will not settle, at least not "
    "yet, is the harder question: which hour "
    "to keep. A decision on the hour has not been taken yet."
)
SHIPWRECK = (
    "Raising the Heron\n\nThe museum wants to lift the wreck next summer. \"We need a tank roughly 14 metres long, "
    "and we don't have one,\" said Samuel Okafor, head of conservation.\n\nThe museum has applied for 2.1 million "
    "pounds. Its director, Helen Carraway, said the rest would have to come from donors."
)
STREET_TREES = (
    "Shade and heat\n\nThe city's tree stock is young: about half of its street trees were planted after 2010 and "
    "may not yet cast much shade. Children in leafy parts of the city had about 20 percent fewer heat admissions "
    "than children in other parts, although the authors say other factors, including income, may explain part of "
    "that gap. Drivers may not park under the new trees."
)
PARK_SURVEY = (
    "Of the 2,318 responses, 58 percent supported a permit system on the busiest days. Support was higher among "
    "residents of the Park than among visitors."
)
TRADE_GAP = (
    "The goods deficit with Velland narrowed to about $279 billion last year, its lowest level in more than a "
    "decade. Growth is projected at 0.9 percent this year before picking up to 1.4 percent in 2027. Exports could "
    "rise by up to 6 percent."
)
RESTRICTED = (
    "Borrowing costs alone could delay the point at which the centre breaks even by two years. Tariffs on their "
    "own cannot create a supply chain, the author argues. Talks on its own pay claim may fail."
)
COD_REVIEW = (
    "Ministers agreed to review the cod limit in June if new survey data showed the stock was still declining."
)
FARM_CLOCKS = (
    "Clocks and cows\n\nProfessor Rose Hunter, a sleep scientist, argues that morning light sets the body clock. "
    "Farmers see it differently. \"Cows do not read clocks,\" said Ingrid Moe, who chairs the Farmers' Union. "
    "\"What hurts us is the change itself, twice a year.\" Retailers favour summer time."
)
TOUR_TOWNS = (
    "The company will tour less next season. I have written to both councils and offered to bring a small concert "
    "programme in the spring. Ashby has accepted. We have not yet heard from Colne."
)
HARBOUR_FEES = (
    "The harbour board will raise mooring fees by 6 percent in April, a rise that spares small fishing boats "
    "entirely. Its divers will inspect each mooring chain before the season opens. The board said moorings are not "
    "always booked in advance, and that unpaid stays would be refunded in full once settled."
)
BRIDGE_TOLL = (
    "Councillor Ines Dahl proposed an amendment that would have scrapped the bridge toll for residents. It was "
    "defeated by 31 votes to 19. The mayor's plan includes a discount for delivery vans, and the transport board "
    "plans to raise the toll for lorries to 9 euros in May."
)
FERRY_CHECKS = (
    "After the collision, the port authority ordered safety checks on some vessels and two old piers, and said the "
    "results would be published in June."
)
TRANSIT_PRICES = (
    "The transit authority published its prices for next year on Monday. Metro fares were frozen, while tram "
    "tickets rose 3.2 percent in the first quarter. The board meets again in May."
)
MARKET_WORRIES = (
    "The chamber surveyed its members in April. \"Last year, the biggest complaint of farmers was the dust and "
    "noise, and the biggest complaint of bakers was that there was nowhere to unload,\" its director said."
)
RURAL_SCHOOLS = (
    "Tomas Brell, director of the Brell Foundation for Rural Learning, said the foundation would fund 40 bursaries "
    "for trainee teachers who agree to stay five years. Rural schools in the province lost 1,200 teachers last "
    "year. Professor Ilse Marten of the Institute of Education and Society at Korvel University pointed out that "
    "most of the posts left empty \"are in the subjects that are hardest to fill, maths and physics\"."
)
VILLAGE_MINIGRIDS = (
    "The agency inspected the solar systems in the district last month. Output was below the contracted level at 7 "
    "of the 11 minigrids the agency oversees, most of them built before 2019."
)
ORCHARD_HARVEST = (
    "Growers in the valley expect to pick perhaps a third of a normal apple harvest after the late frost, the "
    "cooperative's chair said. Pear trees were spared."
)
STORM_DRAINS = (
    "\"Blocked gullies are almost always what floods these streets,\" the engineer said. Nearly every drain on the "
    "hill was cleared in the spring."
)
BAKERY_PRICES = (
    "\"It is likely that bread prices will rise again in the spring,\" the bakers' federation said. Its members "
    "said they would raise prices by 5 percent. The largest chain plans to close its oldest bakery in Dunmore."
)
FERRY_MEETING = (
    "The harbourmaster told a public meeting in March that the new pontoon would be ready by summer. The council "
    "votes on the budget on 14 May."
)
DEPOT_WORKS = (
    "The council approved the design of the new bus depot, not its construction. Inspectors said the damage to "
    "the old depot was limited to the roof. Operators reported few delays during the works, and the depot's "
    "canteen and the drivers' rest room stayed open throughout."
)
FEED_BARLEY = (
    "Feed barley, which the co-op buys mostly from farms in the valley, costs about 20 percent more than a year "
    "ago, its manager said."
)
PIER_JOBS = (
    "The developer says the new pier would bring 300 jobs to the town. Its chairman said last year that the first "
    "berths would open in 2027."
)
RAIL_SHARES = (
    "The rail group's shares fell 6 percent and now trade at 11 times our 2026 earnings, against a ten-year "
    "average of 14 times, the analysts wrote."
)
TOLL_NOTE = (
    "Bridge tolls: a slow climb\nBy Lena Varga, transport analyst\n\nThe Kessel bridge opened in 2011 and carries "
    "about 40,000 vehicles a day. Its operator borrowed heavily to build it.\n\nTraffic has grown every year "
    "since, except in 2020.\n\nWe expect the lorry toll on the bridge to rise to 9 euros by 2027, as the operator "
    "repays its debt.\n\nThe operator's director, Tomas Weil, expects the car toll to stay at 3 euros until 2028."
)
HARBOUR_CLOSURE = (
    "The harbour beach will stay closed until the water tests are clear, the agency said. Dr Ines Moor, its area "
    "manager, said samples were taken daily. Councillor Pavel Rusk said the closure was \"a blow to local shops in "
    "the middle of the holidays\".\n\nBrannigan urged boat owners to report any oil they see at once. \"Early "
    "reports are the best tool we have,\" she said. \"An hour's delay can mean a mile of coast.\""
)
TRAIN_REVIEW = (
    "Q: The rail regulator, Ada Brenn, has ordered a review of your timetable. Will you cooperate?\n\nA: The "
    "regulator is entitled to look at our performance, and she should. The board said it had not cut services "
    "lightly and that it would restore them by May. The county will keep providing bus links while the works last. "
    "A season ticket used to cost 900 euros a year at the very most."
)
LAKE_CLOSURES = (
    "Algae were found in Lake Orrin on Monday. Fenby Parish Council, which manages the lakeside park, has closed "
    "the swimming area and the rowing club has cancelled all junior races, although adults may still row."
)
BROKER_VIEW = (
    "Mira Sand at Oakby Securities, who upgraded the shares in May, argued that the market underrates the group's "
    "pricing power. The group's sales may rise 4 percent next year."
)
BAKERY_FORECASTS = (
    "We cut our operating profit forecast for this year by 5 percent to 212 million euros and our forecast for "
    "next year by 8 percent to 240 million euros, the analysts wrote."
)
CLUB_ACCOUNTS = (
    "A survey of the clubs in the northern league between 2015 and 2020 found that not one of them made a profit. "
    "Their wage bills rose every year."
)
CLUB_SURVEY = (
    "A survey of the clubs in the northern league between 2015 and 2020 found that their wage bills rose every "
    "year. Not one of them made a profit."
)
DEPOSIT_SCHEME = "The auditors expect the deposit scheme to be paid for by drinks makers rather than taxpayers."
FOOTBRIDGE_FLOOD = "The council kept the footbridge closed for a month after the flood."
FOOTBRIDGE_REOPENED = "The council reopened the footbridge a week after the flood, but kept the towpath closed."
BATHING_WARNING = "The bathing warning stays in place until two weekly tests in a row come back clear."
WARNING_LIFTED = "The bathing warning will be lifted before the weekend, once two tests have come back clear."
LANDING_SITE = "The landing site will not be chosen until the spring flybys are done, the agency said."
BOARD_PLEDGE = (
    "If the county council approves the extra funding for rural schools that the minister proposed in her spring "
    "statement, the board has promised to cut class sizes to 25 pupils."
)
SPEED_TRIAL = (
    "The minister said that if the review of the trial showed a clear fall in crashes, the ministry would consider "
    "applying the same limits on other roads, but that no decision had been taken."
)
FREIGHT_PROFIT = (
    "The company blamed the fall in profit mainly on higher freight costs and partly on a weaker currency, its "
    "finance chief said."
)
LIBRARY_BUDGET = (
    "The county library service has set its budget for the coming year. The finance officer said the new budget "
    "does not include the cost of repairing the roof of the central library. Late fines will stay at 20 pence a day. "
    "The trustees would not rule out closing the branch library in Elm Street."
)
HIVE_SURVEY = (
    "The beekeepers' association has published its winter survey. Districts with the most orchards did not have "
    "higher losses than the rest of the county, the survey found. Losses averaged 21 percent. The association has "
    "not yet tested whether the new mite treatment works in cold weather."
)
FISH_PONDS = (
    "Fish and power share the ponds\nBy Ena Vosk\n\nTwo counties have put solar panels over their fish ponds, "
    "and each has chosen its own design. Farmers in both say the shade keeps the water cool in summer.\n\n"
    "Pell Rasko, site manager at Orrin Green Power, showed us round the ponds in May.\n\n"
    "The panels stand in rows over the water. Rasko said the company had raised the panels to about 3 metres so "
    "that small boats could pass underneath.\n\n"
    "Ten kilometres east, Varnet Energy has built a plant of its own. Its first phase opened in March."
)


@dataclass(frozen=True)
class Change:
    """A statement that changes what its page says."""

    id: str
    shows: str  # the kind of change, in words
    page: str
    text: str
    edit: tuple[str, ...]  # the edit kind that shows the change (any one of these)
    sides: tuple[str, ...] = ()  # what the notes must name: the statement's side and the source's
    kind: QuoteKind = QUOTE


@dataclass(frozen=True)
class Faithful:
    """A statement that says what its page says (the counterpart of a change)."""

    id: str
    shows: str
    page: str
    text: str
    kind: QuoteKind = QUOTE


CHANGES = [
    # figures
    Change("figure-number", "a percentage changed", COUNCIL,
           "Ticket prices rose 21 percent in 2023.", ("figure",), ("21 percent", "12 percent")),
    Change("figure-count-of-unnamed-things", "'one of 5,600 sightings' as 'one of 560' (what is counted unnamed)",
           SAMPLES, "The Corley Marsh bird was one of 560 logged by volunteers since 2016.", ("figure",),
           ("560", "5,600"), CLAIM),
    Change("hedge-can-made-will", "'can ignite' stated as 'will ignite'", MEASLES,
           "A single spark will ignite the dry grass across the whole ridge.", ("hedge",), ("will", "can")),
    Change("hedge-should-made-will", "'should hold back' stated as 'will hold back'", MEASLES,
           "The engineers said the new barriers will hold back most of the floodwater.", ("hedge",),
           ("will", "should"), CLAIM),
    Change("hedge-open-question-settled", "'will vote on whether to close' stated as 'will close'", PARKING,
           "The school board will close the swimming pool on Abbey Road in May.", ("hedge",),
           ("whether to close",), CLAIM),
    Change("hedge-striving-made-done", "'will strive to treble' stated as 'will treble'", PARKING,
           "The rowing club will treble its membership by 2031.", ("hedge",), ("strive",), CLAIM),
    Change("figure-and-a-half", "'1 and a half hours' as 'two and a half hours'", TRAIN,
           "The surveyors said the bypass should shorten the drive from three hours to two and a half hours.",
           ("figure",), ("two and a half", "1 and a half"), CLAIM),
    Change("comparison-above-to-short-of", "'6 percent above plan' as '6 percent short of plan'", WIND,
           "The bakery chain sold 2.3 million loaves in March, 6 percent short of plan.", ("comparison",),
           ("short", "above"), CLAIM),
    Change("scope-count-made-every", "'27 farms' widened to 'every farm'", INNS,
           "Every farm along the canal at Wexley has put up wind pumps.", ("scope",), ("every farm", "27 farms"),
           CLAIM),
    Change("scope-part-made-every-one", "'5 of its 9 museums' widened to 'every one of its 9'", INNS,
           "Every one of the trust's 9 museums will close on Mondays from June.", ("scope",), ("every",), CLAIM),
    Change("antonym-moved-to-its-twin", "'the 8 older trams' as 'the 8 newer trams' (the passage has 'newer' "
           "further on)", BRANCHES, "Under the timetable, the 8 newer trams will run only at weekends.",
           ("comparison", "antonym"), ("newer", "older"), CLAIM),
    Change("hedge-may-not-have-made-has-not", "'may not have crested' stated as 'has not crested'", PEAK,
           "The forecasters warned that the river has not crested yet.", ("hedge",), ("may",), CLAIM),
    Change("entity-from-a-later-repeat", "a prize's book swapped for the book of the next prize, every word in order",
           AWARDS, "The debut prize went to Tomas Lind for \"Night Orchards\".", ("entity",),
           ("night orchards", "glass harbour"), CLAIM),
    Change("figure-year", "a year changed", COUNCIL,
           "Ticket prices rose 12 percent in 2024.", ("figure",), ("2024", "2023")),
    Change("figure-bound-dropped", "a lower bound dropped ('at least 40' -> '40')", COUNCIL,
           "Ticket prices rose 12 percent in 2023, and 40 stations will be rebuilt.", ("figure",), ("at least",)),
    Change("figure-share-in-words", "'nine in ten' as 70 percent", SURVEY,
           "About 70 percent of the residents back the tram.", ("figure",), ("70 percent", "nine in ten")),
    Change("figure-short-scale", "'3.4 million' as '4.3m'", SURVEY,
           "About 4.3m birds were culled this autumn.", ("figure",), ("4.3", "3.4 million")),
    # negation
    Change("negation-dropped", "a 'not' dropped", COUNCIL,
           "The council approved the new bus depot.", ("negation",), ("not",)),
    Change("negation-added", "a 'not' added", COUNCIL,
           "The mayor did not sign the housing plan in May.", ("negation",), ("not",)),
    Change("negation-refused-to-agreed-to", "'refused to' turned into 'agreed to'", COUNCIL,
           "The mayor agreed to sign the parking plan.", ("negation",), ("refused",)),
    Change("negation-unusual-to-usual", "a negating prefix dropped ('unusual' -> 'usual')", DELAYS,
           "Delays of this length are usual on the northern line.", ("negation",), ("usual", "unusual")),
    Change("negation-not-usual-to-usual", "'not usual' turned into 'usual'", DELAYS,
           "Last winter, the operator said such closures were usual.", ("negation",), ("not",)),
    Change("negation-never-dropped", "a 'never' dropped", "Beijing has never relied on subsidies.",
           "Beijing has relied on subsidies.", ("negation",), ("never",)),
    Change("negation-without-to-with", "'without' turned into 'with'", "They grew without subsidies.",
           "They grew with subsidies.", ("negation",), ("without",)),
    Change("negation-none-of-cut-off", "a quote cut after the 'none of this means that' that negates it",
           "None of this means that tariffs are useless.", "Tariffs are useless.", ("negation",), ("none",)),
    Change("negation-none-of-clause-by-clause", "the negation of one of two joined clauses dropped",
           "None of this means that tariffs are useless. A tariff cannot build a supply chain.",
           "Tariffs are useless, but a tariff cannot build a supply chain.", ("negation",), ("none",)),
    Change("negation-neither-dropped", "a 'neither' over two items dropped",
           "Some states offer loans with no conditions, and others offer tax credits. Neither will revive the "
           "shipyards.", "Loans without conditions and tax credits will revive the shipyards.",
           ("negation",), ("neither",)),
    Change("negation-mis-prefix-dropped", "'misreads' turned into 'reads'", "The strategy misreads the arithmetic.",
           "The strategy reads the arithmetic.", ("negation",), ("misreads",)),
    Change("negation-un-prefix-dropped", "'unlikely' turned into 'likely'", "The plan was unlikely.",
           "The plan was likely.", ("negation",), ("unlikely",)),
    # comparison
    Change("comparison-faster-to-slower", "'faster than' reversed", RENTS,
           "Rents in the capital rose slower than wages last year.", ("comparison",), ("slower", "faster")),
    Change("comparison-fewer-to-more", "'fewer' turned into 'more'", RENTS,
           "More homes were built than in 2019.", ("comparison",), ("more", "fewer")),
    Change("comparison-fell-to-rose", "a fall turned into a rise", RENTS,
           "Food prices rose in the autumn.", ("comparison",), ("rose", "fell")),
    Change("comparison-more-to-less", "'more' turned into 'less'", "Firms learn more from each other.",
           "Firms learn less from each other.", ("comparison",), ("less", "more")),
    Change("comparison-more-than-to-less-than", "'less than' turned into 'more than'", "built for less than rivals",
           "built for more than rivals", ("comparison",), ("more", "less")),
    Change("comparison-cheaper-to-more-expensive", "'cheaper' turned into 'more expensive'",
           "Panels are cheaper than in Europe.", "Panels are more expensive than in Europe.",
           ("comparison", "antonym"), ("expensive", "cheaper")),
    Change("comparison-under-to-over", "'under-building' turned into 'over-building'",
           "Under-building is the costlier mistake.", "Over-building is the costlier mistake.",
           ("comparison", "antonym"), ("over", "under")),
    # hedges and conditions
    Change("hedge-dropped", "'may' turned into 'will'", BANK,
           "The central bank will raise interest rates in March if inflation stays above 4 percent.",
           ("hedge",), ("may",)),
    Change("hedge-added", "'will' turned into 'may'", BANK, "The steel plant may close in June.", ("hedge",), ("may",)),
    Change("hedge-expected-to-dropped", "'is expected to hire' turned into 'has hired'", BANK,
           "The new battery plant has hired 300 workers.", ("hedge",), ("expected",)),
    Change("hedge-could-dropped", "'could cut' turned into 'have cut'", "Efficiency gains in chips could cut demand.",
           "Efficiency gains have cut demand.", ("hedge",), ("could",)),
    Change("hedge-already-for-will", "what 'will' happen said to be so 'already'",
           "Heat pumps will be cheaper to run than gas boilers once power prices fall.",
           "Heat pumps are already cheaper to run than gas boilers.", ("hedge",), ("already", "will")),
    Change("condition-dropped-claim", "the 'if' condition left out of a claim", BANK,
           "The central bank may raise rates in March.", ("hedge",), ("if inflation stays above 4 percent",), CLAIM),
    Change("condition-dropped-quote-cut", "a quote that stops before the 'if' condition", BANK,
           "The central bank may raise interest rates in March.", ("hedge",), ("if inflation stays above 4 percent",)),
    Change("condition-added", "an 'if' condition the page does not set", BANK,
           "The steel plant will close in June if orders keep falling.", ("hedge",), ("if",)),
    # scope
    Change("hedge-could-to-will-beside-can", "'could come under pressure' as 'will', a 'can' elsewhere", RECALL_2,
           "If the firm can show it can do it, others will come under pressure to follow.", ("hedge",), ("could",)),
    Change("entity-known-place-for-another", "a city WordNet knows in place of one it does not", TEA,
           "She brought two boxes of tea to give to customers in Guangzhou.", ("entity",), ("guangzhou", "hengzhou")),
    Change("scope-the-whole-of-a-set", "'three of the past four' widened to 'each of the past four'", FESTIVAL,
           "The top prize has gone to a debut film in each of the past four editions.", ("scope",), ("each",)),
    Change("figure-last-word", "a count at the very end changed ('we have 97' -> 'we have 79')", DEPOT,
           "We're funded for 112 full-time firefighters and we have 79.", ("figure",), ("79", "97")),
    Change("negation-no-longer-dropped", "'no longer stop' as 'stop'", DEPOT,
           "Route 12 buses will stop at Kingsmere Road while the bridge is closed.", ("negation",), ("no",)),
    Change("negation-do-not-but-dropped", "'do not stop ... but drive through' as 'stop'", QUARRY_ROAD,
           "The count found that most lorries stop in the village before they drive on to the quarry.",
           ("negation",), ("not",), CLAIM),
    Change("negation-moved-into-the-if-clause", "'If X, I won't be shocked' as 'X will not happen'", CELLS,
           "Salo said the first cells would not come in early 2027.", ("negation",), ("not",), CLAIM),
    Change("scope-comparative-made-superlative", "'one of the larger makers' as 'the largest maker'", HEAT_PUMPS,
           "Brandmoor is the country's largest maker of heat pumps.", ("scope",), ("largest", "larger"), CLAIM),
    Change("antonym-hyphenated-prefix", "'peak trains' as 'off-peak trains'", TRAINS,
           "The agency is adding 14 percent more off-peak trains on the Blue Line.", ("antonym",), ("off-peak",)),
    Change("scope-some-to-all", "'some' widened to 'all'", REACH,
           "All farmers in the valley lost their harvest to the floods.", ("scope",), ("all", "some")),
    Change("scope-among-the-largest-to-the-largest", "'among the largest' narrowed to 'the largest'", REACH,
           "The port of Rotterdam is the largest in the world.", ("scope",), ("largest", "among the largest")),
    Change("scope-ordinal-rank-dropped", "'third-largest' widened to 'largest'", BREWER,
           "Copperfold Mills, the valley's largest paper maker, will close its site in Dunmere next spring.",
           ("scope",), ("largest", "third")),
    Change("scope-bound-dropped", "'lorries over 12 tonnes' widened to 'lorries'", TOLL,
           "From April, lorries will pay a $9 toll.", ("scope",), ("lorries", "over 12 tonnes"), CLAIM),
    Change("scope-participle-bound-dropped", "'adults born after 1970' widened to 'adults'", "Adults born after "
           "1970 who are unsure of their doses should get a jab. The clinic opens at nine.",
           "Adults who are unsure of their doses should get a jab.", ("scope",), ("born after 1970",), CLAIM),
    Change("scope-most-to-a-few", "'most' narrowed to 'a few'", REACH,
           "A few residents of the island voted for the bridge.", ("scope",), ("few", "most")),
    Change("scope-two-states-to-nationwide", "'in two states' widened to 'nationwide'", REACH,
           "The ban on plastic bags applies nationwide.", ("scope",), ("nationwide",)),
    # entity
    Change("entity-sibling-country", "a country replaced by another the page names", FACTORIES,
           "The carmaker opened a battery factory in Hungary last year.", ("entity",), ("hungary", "poland")),
    # exchange
    Change("exchange-at-the-end", "the two items at the ends of a sentence trade places", PARISH,
           "The fees for the landlord became a burden for the tenants.", ("exchange",), ("landlord", "tenants")),
    Change("entity-name-of-two-words-replaced", "'In Marsh Hollow' as 'In Alder Creek', the rest as written",
           PARISH, "In Alder Creek, one of the oldest parishes in the county, a survey found that 41 percent of "
           "homes had no broadband.", ("entity",), ("alder", "marsh"), CLAIM),
    Change("antonym-adverb-moved", "'sinking for a decade, slowly,' as 'sinking rapidly for a decade'", WELLS,
           "The water table under Ostrava has been sinking rapidly for a decade.", ("antonym",),
           ("rapidly", "slowly"), CLAIM),
    Change("comparison-a-fall-by-a-figure-made-above", "'fell by about 7 percent' as 'about 7 percent above'",
           WELLS, "Water use in the town in June was about 7 percent above its level of June last year.",
           ("comparison",), ("7 percent above", "fell 7 percent"), CLAIM),
    Change("negation-unlikely-to-made-will", "'is unlikely to arrive' as 'will arrive'", WELLS,
           "Any payment from the state will arrive before the spring.", ("negation",), (), CLAIM),
    Change("attribution-inside-an-according-to", "Marr's words given to Vend, behind 'according to' the paper",
           GAZETTE, "According to the Harbour Gazette, Tomas Vend said the new cranes were running two years late.",
           ("attribution",), (), CLAIM),
    Change("scope-one-made-several", "'a complaint filed by one neighbouring town' as 'by several'", WELLS,
           "Complaints filed by several neighbouring towns are still pending.", ("scope",),
           ("several neighbouring towns", "one neighbouring town"), CLAIM),
    Change("attribution-an-author-for-a-co-author", "words the note has Lindqvist say given to its lead author",
           NOTE, "Malin Ostrova said rates would fall before the summer.", ("attribution",), (), CLAIM),
    Change("scope-named-places-made-a-whole-area", "'in Ostrava and Lenz' as 'across the province'", WELLS,
           "Turnout rose most among younger voters across the province.", ("scope",), ("across the province",),
           CLAIM),
    Change("antonym-past-a-without", "'likely to lose ... without him' as 'expect it to win ... without its coach'",
           REGATTA, "Members of the rowing club expect it to win the June regatta even without its best coach.",
           ("antonym", "comparison"), ("win",), CLAIM),
    Change("scope-qualifier-dropped", "'its small and independent member bakeries' as 'the guild's member bakeries'",
           GUILD, "Olsen said about one in four of the guild's member bakeries closed last year.", ("scope",),
           ("small",), CLAIM),
    Change("attribution-said-at-the-end", "'\"...,\" Ruud said.' credited to the governor", FLOODS,
           "Aldby's governor, Marta Lind, said the village was cut off for now.", ("attribution",), ("lind",), CLAIM),
    Change("attribution-another-person-of-the-firm", "the finance director's words given to the chief executive",
           FLOODS, "Brenco chief executive Dora Vesk said the company had the cash for small deals but would not "
           "overpay.", ("attribution",), ("vesk",), CLAIM),
    Change("substitution-word-found-further-on", "'a discount to its average' as 'a premium', found later", FLOODS,
           "Brenco trades at 15 times earnings, a premium to its average of 17 times.", ("substitution", "antonym"),
           ("premium", "discount"), CLAIM),
    Change("hedge-may-made-will", "'rates may need to stay' as 'rates will need to stay'", FLOODS,
           "If wages do not ease, rates will need to stay high for longer.", ("hedge",), ("may",)),
    Change("scope-most-without-among", "'among the most costly' as 'the most costly'", FLOODS,
           "Floods are the most costly disasters towns face.", ("scope",), ("among",), CLAIM),
    Change("scope-superlative-without-one-of", "'one of the busiest ports' as 'the busiest port'", FLOODS,
           "Ostby is the busiest port in the region.", ("scope",), ("one of",), CLAIM),
    Change("attribution-insisted-without-that", "'X insisted ...' is a frame: its speaker is compared",
           TOWN_HALL, "Ortiz insisted the target was within reach if the town cut spending.", ("attribution",),
           ("ortiz",), CLAIM),
    Change("attribution-he-after-a-named-subject", "'Anton Berg ... was cautious. \"...\" he said' given to Selin",
           MAYORS, "Marta Selin said she would celebrate when the money arrives.", ("attribution",), ("selin",),
           CLAIM),
    Change("attribution-a-verb-inside-the-quote", "'\"We said yes ...,\" Mr Dahl said' given to Sandberg",
           MAYORS, "Liv Sandberg said she expected the state to pay for the damage.", ("attribution",),
           ("sandberg",), CLAIM),
    Change("substitution-at-the-end-not-a-synonym-further-on", "'her former doctoral student' as '... supervisor'",
           FOUNDERS, "Ana Vik co-founded Lumo with Per Dahl, her former doctoral supervisor.", ("substitution",),
           ("supervisor", "student"), CLAIM),
    Change("exchange-two-places-in-a-rewording", "'from Varby to Ostholm' as 'from Ostholm to Varby', reworded",
           FLIGHTS, "The second incident took place on 12 March on a trip from Ostholm to Varby in a Tarn Air plane.",
           ("exchange",), ("ostholm", "varby"), CLAIM),
    Change("exchange-counts-of-two-ports", "how many went to each port swapped, reworded", DIVERTED,
           "According to her, seven ships had already been rerouted: two to Farnhold and five to the southern port "
           "of Lissby Cove.", ("exchange",), ("two", "five"), CLAIM),
    Change("exchange-two-figures-of-two-places", "the rates of the city and of Kessel swapped, reworded", FLIGHTS,
           "The city's combined tax rate already stands at 9 percent, while Kessel lifted its rate to 7.5 percent "
           "in 2021.", ("exchange", "figure"), (), CLAIM),
    Change("scope-the-region-made-the-country", "'in the region' as 'in the country'", FLIGHTS,
           "No hospital in the country has met the target since 2016.", ("scope",), ("country", "region"), CLAIM),
    Change("figure-bound-of-a-span-in-words", "'more than a year to set up' as 'up to a year'", TOWN_HALL,
           "Schools must keep 150 teaching days, and the new rules could take up to a year to come in.",
           ("figure",), ("up to a year", "more than a year"), CLAIM),
    Change("comparison-against-the-passages-figures", "'grew more slowly in A than in B' where A has 14%, B 11%",
           ORCHARDS, "Apple yields grew more slowly in Lenby than in Harrow after the scheme began.", ("comparison",),
           ("lenby 14 percent",), CLAIM),
    Change("figure-twice-made-three-times", "'roughly twice the average' as 'about three times'", ORCHARDS,
           "Fires have burned about three times the average area for the season.", ("figure",), ("three times",),
           CLAIM),
    Change("figure-temperature-changed", "'44.1 degrees Celsius' as '41.4C'",
           "It reached 44.1 degrees Celsius in Orvado on Tuesday, a record.",
           "It reached 41.4C in Orvado on Tuesday, a record.", ("figure",), ("41.4",), CLAIM),
    Change("substitution-of-the-last-word", "a quote's last word replaced", PUBLISHER,
           "Our readers are not paying for paper, they're paying for speed", ("substitution", "antonym"),
           ("speed", "trust")),
    Change("exchange-who-sued-whom", "plaintiff and defendant exchanged (active)", LAWSUIT,
           "Globex sued Acme Corp in 2022 over a patent for solar inverters.", ("exchange",), ("globex", "acme")),
    Change("exchange-who-sued-whom-passive", "plaintiff and defendant exchanged (passive)", LAWSUIT,
           "Acme Corp was sued by Globex in 2022 over a patent for solar inverters.", ("exchange",), ("globex", "acme"),
           CLAIM),
    Change("exchange-from-to", "origin and destination exchanged", LAWSUIT,
           "Steel shipments from Canada to Brazil doubled last year.", ("exchange",), ("canada", "brazil")),
    Change("exchange-compared-items", "the two sides of a comparison exchanged", RENTS,
           "Wages in the capital rose faster than rents last year.", ("exchange",), ("wages", "rents")),
    Change("exchange-than", "the two sides of 'cheaper than' exchanged", "Chinese panels are cheaper than US panels.",
           "US panels are cheaper than Chinese panels.", ("exchange",), ("us", "chinese")),
    Change("exchange-two-parts", "the towns of two clauses trade places, each now with the other's clause", WEIR,
           "In Tolm, farmers and fishing guides have lobbied for the weir's removal for ten years, while in Brask "
           "many residents see it as the end of their harbour.", ("exchange",), ("tolm", "brask"), CLAIM),
    Change("exchange-two-labels", "an item of each list given to the other list", WEIR,
           "Upside risks include a strike at the Vell mine, and downside risks include cheaper steel.", ("exchange",),
           ("upside", "downside"), CLAIM),
    Change("hedge-dropped-across-an-aside", "'could, in some cases, cover' as 'covers'", LEVY,
           "The new rules cover a single spreadsheet used to sort applicants.", ("hedge",), ("could",), CLAIM),
    Change("scope-whole-added", "'on the tram network' as 'across the whole tram network'",
           "The council approved a six-month trial of free Sunday travel on the tram network from May.",
           "The council approved a six-month trial of free Sunday travel across the whole tram network from May.",
           ("scope",), ("whole",), CLAIM),
    Change("comparison-level-made-more", "'almost as much on trams as on roads' as 'more on trams than on roads'",
           "Ardley spent almost as much on trams as on roads last year, the audit found.",
           "Ardley spent more on trams than on roads last year, the audit found.", ("comparison",),
           ("as much", "more"), CLAIM),
    Change("hedge-suspect-dropped", "'I suspect the tram is the first thing that will be cut' stated as certain",
           "If the grant does not come, I suspect the night tram is the first thing that will be cut.",
           "Ruiz says the night tram will be the first thing cut if the grant does not come.", ("hedge",),
           ("suspect",), CLAIM),
    Change("exchange-figures-of-names-in-turn", "'Varby will get 52 and Ostholm 38' as '52 to Ostholm and 38 to Varby'",
           "Of the 90 new hospital beds, Varby will get 52 and Ostholm 38, the ministry said on Monday.",
           "Of the 90 new hospital beds, 52 will go to Ostholm and 38 to Varby, the ministry said.", ("exchange",),
           ("52", "38"), CLAIM),
    Change("figure-every-year-for-every-three-years", "'every three years' as 'every year'",
           "Farmers receive 800 crowns a hectare, which will rise by 5 percent every three years.",
           "The 800 crowns a hectare paid to farmers will rise by 5 percent every year.", ("figure",),
           ("every year", "three years"), CLAIM),
    Change("scope-an-area-for-a-named-place", "'pupils in Orvik' as 'pupils in the state'",
           "Roughly 60 percent of pupils in Orvik qualify for free school meals.",
           "Roughly 60 percent of pupils in the state qualify for free school meals, the columnist writes.",
           ("scope",), ("state", "orvik"), CLAIM),
    Change("scope-every-added", "'eligible firms near the bridge' as 'every firm in the city'",
           "The council will offer a 50 percent discount on business rates to eligible firms near the bridge.",
           "The council will offer a 50 percent discount on business rates to every firm in the city.",
           ("scope",), ("every",), CLAIM),
    Change("comparison-faster-for-more-slowly", "'hits us more slowly than' as 'hits it faster than'",
           "Because we hedge, a price spike hits us more slowly than it hits a rival that buys fuel on the day.",
           "Because it hedges, a price spike hits the airline faster than it hits a rival that buys fuel on the day.",
           ("comparison",), ("faster", "slowly"), CLAIM),
    Change("antonym-away-from-for-towards", "'steering them towards callers' as 'steering them away from callers'",
           "Sales staff were given scripts steering them towards callers who mentioned a recent inheritance.",
           "Sales staff were given scripts steering them away from callers who mentioned a recent inheritance.",
           ("comparison", "antonym"), ("away", "towards"), CLAIM),
    Change("exchange-counts-in-words-of-names-in-turn", "'two of the A batches and one of the B batches' swapped",
           "The strain was found in tins from two of the Marwick batches and one of the Caldera batches.",
           "The strain was found in tins from one of the Marwick batches and two of the Caldera batches.",
           ("exchange",), ("one", "two"), CLAIM),
    Change("hedge-weighed-made-decided", "'were considering an appeal' as 'would appeal'",
           "The club's lawyers said they were considering an appeal against the ban.",
           "The club's lawyers said they would appeal against the ban.", ("hedge",), ("considering an appeal",),
           CLAIM),
    Change("entity-a-name-from-further-on", "the second pool's name put in the first one's place",
           "Surveys found that Mill Lane needed at least 9 million of repairs over the next decade, and Kilnhurst "
           "about 5.3 million.",
           "Surveys found that Kilnhurst needed at least 9 million of repairs over the next decade.",
           ("entity",), ("kilnhurst", "lane"), CLAIM),
    Change("causal-another-cause", "the passage's cause replaced by a fact it states beside it",
           "People with heart disease were excluded, as is usual in such trials, because the drugs narrow blood "
           "vessels. The trial was funded by Marwick, which makes the new drug.",
           "People with heart disease were excluded from the trial because it was funded by Marwick.", ("connective",),
           ("because",), CLAIM),
    Change("attribution-to-someone-the-page-credits-nothing-here", "figures from the accounts given to a doctor "
           "named in another paragraph", HOSPITAL, "Ana Vell said the new wing has 40 beds and cost 12 million crowns.",
           ("attribution",), ("ana vell",), CLAIM),
    Change("scope-restrictive-phrase-dropped", "'nurses working night shifts will be exempt' as 'nurses will be "
           "exempt'", HOSPITAL_FEES, "Nurses will be exempt from the parking charge.", ("scope",),
           ("working night shifts",), CLAIM),
    Change("entity-joined-to-another-clause", "what the page says of the A52 in its second clause said of the A41 "
           "of its first", ROAD_CAMERAS, "Speed cameras on the A41 will be switched on from 3 March.", ("entity",),
           ("A41", "A52"), CLAIM),
    Change("attribution-an-answer-given-to-whom-the-question-named", "an interview's answer credited to the critic "
           "its question named", BERTH_INTERVIEW, "Olaf Brenn said the fishing quay stays where it is and keeps its "
           "own entrance.", ("attribution",), ("olaf brenn",), CLAIM),
    Change("entity-from-the-next-sentence", "the firm that paid the fees swapped for the one the next sentence "
           "names", PILL_FEES, "One of its nine authors received consultancy fees from Corrin Labs, which makes "
           "velnoxan.", ("entity",), ("Corrin Labs", "Pelham Pharma"), CLAIM),
    Change("exchange-around-on", "'the pull of the capital on the smaller ports' as 'the pull of the smaller ports on "
           "the capital'", PORTS_PULL, "Trade data show that the pull of the smaller ports on the capital along the "
           "coast has grown since the motorway opened.", ("exchange",), ("smaller", "capital"), CLAIM),
    Change("scope-all-of-a-count-after-in", "'ahead in 9 of the town's 12 wards' as 'ahead in all 12 of its wards'",
           KESSBY_WARDS, "The Greens were ahead in all 12 of Kessby's wards.", ("scope",), ("all 12", "9 of"), CLAIM),
    Change("scope-one-place-made-both", "'at the Ravel Fen reserve' widened to 'at both reserves'", TWO_RESERVES,
           "Beetles rose slightly at both reserves, by about 6 percent.", ("scope",), ("both",), CLAIM),
    Change("comparison-against-a-list-with-one-unit", "'38,000 homes in Tolven and 21,000 in Harrowby' as 'more homes "
           "... in Harrowby than in Tolven' (the comparative six words before 'than')", POWER_CUTS,
           "On Tuesday night more homes were without power in Harrowby than in Tolven, grid operators said.",
           ("comparison",), ("harrowby 21,000", "tolven 38,000"), CLAIM),
    Change("negation-dropped-in-a-relative-clause", "'a grant, which has not yet been awarded' as 'a grant that has "
           "already been awarded'", STUDY_ASIDE, "Up to 4.2 million crowns will come from a sports grant that has "
           "already been awarded.", ("negation",), ("not",), CLAIM),
    Change("hedge-proposes-to-made-will", "'proposes to close' stated as 'will close'", AMENDMENT,
           "The council will close two branches on Mondays.", ("hedge",), ("proposes",), CLAIM),
    Change("hedge-a-thing-proposed-made-done", "'proposed an amendment to fund the hours' stated as 'passed an "
           "amendment to fund the hours'", AMENDMENT, "Councillor Gale passed an amendment to fund the hours from the "
           "council's reserves.", ("hedge", "substitution"), ("proposed",), CLAIM),
    Change("scope-speakers-widened", "what one operator said given to 'both operators'", TWO_OPERATORS,
           "Both operators said they expected to run no more than one train in five on strike days.", ("scope",),
           ("both operators", "kelvale"), CLAIM),
    Change("negation-moved-to-another-clause", "'has not approved the plan, though the budget is ready' as 'has "
           "approved the plan, though the budget is not ready'", COUNCIL_PLAN, "The mayor said the council has "
           "approved the plan, though the budget is not ready.", ("negation",), ("not",), CLAIM),
    Change("causal-purpose-invented", "two facts side by side joined by 'so that'", FEES_AND_HOURS,
           "The council raised parking fees by 20 percent in March so that the library's opening hours could be "
           "extended.", ("connective",), ("so",), CLAIM),
    Change("negation-contracted-added", "a negation added in a contraction ('isn't only')", LIGHTHOUSE,
           "The key isn't only the money, but also the staff, and the key is not the cost.", ("negation",), (), QUOTE),
    Change("negation-contracted-denies", "'isn't the cost' where the page says the cost is the worry",
           "\"My worry is the cost,\" said the mayor.", "My worry isn't the cost.", ("negation",), ("isn't",), QUOTE),
    Change("figure-elapsed-bound-reversed", "'under 90 years after' for 'more than 90 years after'", LIGHTHOUSE,
           "The lighthouse will be handed back to the town, under 90 years after the navy took it over.",
           ("figure",), (), CLAIM),
    Change("figure-beneath-bound-reversed", "'beneath' read as the 'under' of a bound: 'beneath 40 metres' for "
           "'more than 40 metres'", "The wreck lies more than 40 metres deep.", "The wreck lies beneath 40 metres "
           "deep.", ("figure",), (), CLAIM),
    Change("scope-each-for-a-count", "'on each room' where the page lets a count of rooms", "The cottage's 4 rooms "
           "will be let for 900 crowns a month.", "The cottage will be let for 900 crowns a month on each room.",
           ("scope",), (), CLAIM),
    Change("scope-at-times-made-always", "'at times' made 'always'", LIGHTHOUSE,
           "The tower always leans by as much as a degree in winter storms.", ("scope",), (), CLAIM),
    Change("hedge-inverted-condition-dropped", "a condition ('Were there ...') the statement turns into a fact",
           LIGHTHOUSE, "After a second storm season like the last, the town would have to close the tower.",
           ("hedge",), (), CLAIM),
    Change("negation-nothing-kept-apart", "'nothing' that negates ('visiting nothing') is still a negation",
           LIGHTHOUSE, "The harbour master warned that walkers would be visiting nothing within a decade if nothing "
           "was done.", ("negation", "substitution", "antonym"), (), CLAIM),
    Change("entity-speaker-not-the-subject", "the frame's speaker named as the one doing what the passage's group "
           "does: the group's name replaced by another firm's", TIMBER_YARD, "Lind said the Vessel Timber Group was "
           "considering a complaint to the port authority, but that no decision had been taken.",
           ("entity", "attribution"), (), CLAIM),
    Change("negation-prefix-word-not-negated", "'dry out after treatment' for 'dry out without treatment'",
           TIMBER_YARD, "Green oak looks sound, but splits if allowed to dry out after its treatment, the "
           "conservator said.", ("negation",), (), CLAIM),
    Change("hedge-dependence-invented", "a dependence the passage does not state", "The yard keeps its staff. "
           "Orders are steady, Lind said.", "Keeping the staff depends on steady orders, Lind said.", ("hedge",),
           (), CLAIM),
    Change("negation-dropped-beside-a-without", "'intends to issue fines' for 'does not intend to issue fines', the "
           "statement's own 'without' bearing on its permits only", PERMITS, "The park authority intends to issue "
           "fines to walkers without permits in the first season.", ("negation",), ("not",), CLAIM),
    Change("negation-added-beside-another-sentence", "'would not bring forward a bill' where the next sentence has "
           "its own 'not'", PERMITS, "The minister said the government would not bring forward a bill before the "
           "summer recess to end the change.", ("negation",), ("not",), CLAIM),
    Change("attribution-colon-quote-given-to-another", "one speaker's quoted words given, after 'said:', to another "
           "named on the page", SHIPWRECK, "Helen Carraway, the museum's director, said: \"We need a tank roughly 14 "
           "metres long, and we don't have one.\"", ("attribution",), ("carraway",), CLAIM),
    Change("hedge-may-not-yet-dropped", "'may not yet cast' stated as 'do not yet cast'", STREET_TREES,
           "About half of the city's street trees were planted after 2010 and do not yet cast much shade.",
           ("hedge",), ("may",), CLAIM),
    Change("scope-part-of-dropped-beside-areas", "'may explain part of that gap' stated as explaining the gap, in a "
           "sentence that names 'leafy parts' of the city", STREET_TREES, "Children in leafy parts of the city had "
           "about 20 percent fewer heat admissions, though the authors say income may explain that gap.",
           ("scope",), ("part",), CLAIM),
    Change("exchange-around-a-distant-than", "the two groups of 'higher among A than among B' exchanged",
           PARK_SURVEY, "Support for a permit system was higher among visitors than among residents of the Park.",
           ("exchange", "comparison"), ("visitors", "residents"), CLAIM),
    Change("figure-in-under-years-for-more-than-a-decade", "'the lowest in under ten years' for 'lowest in more "
           "than a decade'", TRADE_GAP, "The goods deficit with Velland shrank to roughly $279bn last year, the "
           "lowest in under ten years.", ("figure",), (), CLAIM),
    Change("figure-up-to-dropped", "'could rise by up to 6 percent' stated as 'could rise by 6 percent'", TRADE_GAP,
           "Exports could rise by 6 percent.", ("figure",), ("up to",), CLAIM),
    Change("scope-on-their-own-dropped", "'on their own' dropped: tariffs said to be unable to do it at all",
           RESTRICTED, "Tariffs cannot create a supply chain, the author argues.", ("scope",), ("own",), CLAIM),
    Change("hedge-condition-dropped-for-should-after-a-verb", "'should' as a modal ('the limit should be reviewed "
           "in June'), no condition: the passage's 'if' dropped", COD_REVIEW, "Ministers agreed the cod limit should "
           "be reviewed in June, as survey data showed the stock was still declining.", ("hedge", "connective"), (),
           CLAIM),
    Change("attribution-titled-name-of-common-words", "a farmer's words given to 'Professor Rose Hunter' (her "
           "names are common words a lexicon knows)", FARM_CLOCKS, "Professor Rose Hunter said that what hurts is "
           "\"the change itself, twice a year\".", ("attribution",), ("hunter",), CLAIM),
    Change("exchange-names-of-two-short-sentences", "the two towns of 'Ashby has accepted. We have not yet heard "
           "from Colne.' exchanged", TOUR_TOWNS, "Colne has accepted the offer of a spring concert programme, but the "
           "company has not yet heard from Ashby.", ("exchange",), ("colne", "ashby"), CLAIM),
    Change("scope-universal-dropped-under-a-negation", "'not always booked' as 'not booked': a negated universal "
           "left out flips it", HARBOUR_FEES, "The board said moorings are not booked in advance.", ("scope",),
           (), CLAIM),
    Change("scope-universal-for-a-lower-quantifier", "'refunded in full' as 'partly refunded': the statement puts "
           "another quantifier in the universal's place", HARBOUR_FEES, "The board said unpaid stays would be partly "
           "refunded once settled.", ("scope",), ("partly",), CLAIM),
    Change("hedge-intention-to-dropped", "'plans to raise the toll' stated as done", BRIDGE_TOLL,
           "The transport board has raised the toll for lorries to 9 euros.", ("hedge",), ("plans",), CLAIM),
    Change("scope-some-before-a-list-widened", "'checks on some vessels and two old piers' as 'on all vessels' (the "
           "quantifier's noun is the first of a list)", FERRY_CHECKS, "After the collision, the port authority "
           "ordered safety checks on all vessels, and said the results would be published in June.", ("scope",),
           ("all",), CLAIM),
    Change("exchange-item-beside-the-other-phrase", "'Metro fares were frozen, while tram tickets rose 3.2 percent' "
           "with metro and tram exchanged (each now with the other's predicate, a phrase of several words)",
           TRANSIT_PRICES, "Metro tickets rose 3.2 percent in the first quarter, while tram fares were frozen.",
           ("exchange",), (), CLAIM),
    Change("exchange-subjects-of-two-clauses-after-a-comma-and", "'the biggest complaint of farmers was X, and the "
           "biggest complaint of bakers was Y' given the other way round", MARKET_WORRIES, "The director said "
           "farmers had complained most that there was nowhere for them to unload, and bakers most about dust and "
           "noise.", ("exchange",), (), CLAIM),
    Change("attribution-speaker-with-a-long-description", "the professor's words given to a speaker named with "
           "a description too long for a frame ('Tomas Brell, director of the Brell Foundation for Rural Learning, "
           "said')", RURAL_SCHOOLS, "Tomas Brell, director of the Brell Foundation for Rural Learning, said most "
           "of the posts left empty are in maths and physics, the subjects that are hardest to fill.",
           ("attribution",), ("brell",), CLAIM),
    Change("scope-all-for-a-count-of-an-unknown-noun", "'at 7 of the 11 minigrids' as 'at all 11 minigrids' (a "
           "noun the lexicon does not know)", VILLAGE_MINIGRIDS, "Output was below the contracted level at all 11 "
           "minigrids the agency oversees.", ("scope",), ("11", "7"), CLAIM),
    Change("hedge-on-a-figure-dropped-beside-another-hedge", "'expect to pick perhaps a third' as 'expect to pick "
           "a third': the guess on the figure stated as fact (the 'expect' is the other hedge's rewording)",
           ORCHARD_HARVEST, "Growers in the valley expect to pick a third of a normal apple harvest after the late "
           "frost.", ("hedge",), ("perhaps",), CLAIM),
    Change("scope-almost-always-as-always", "'almost always' quoted as 'always'", STORM_DRAINS,
           "Blocked gullies are always what floods these streets", ("scope",), ("always", "almost always")),
    Change("scope-nearly-every-as-every", "'nearly every drain' as 'every drain'", STORM_DRAINS,
           "Every drain on the hill was cleared in the spring, the council said.", ("scope",), (), CLAIM),
    Change("hedge-cut-off-before-a-quote", "a quote that starts after 'It is likely that': the guess reads as fact",
           BAKERY_PRICES, "... bread prices will rise again in the spring", ("hedge",), ("likely",)),
    Change("entity-month-may-for-another", "'in March' as 'in May' (the month, not the modal)", FERRY_MEETING,
           "The harbourmaster told a public meeting in May that the new pontoon would be ready by summer.",
           ("entity",), ("may", "march"), CLAIM),
    Change("scope-only-added-restricts", "'the canteen and the rest room stayed open' as 'only the canteen stayed "
           "open'", DEPOT_WORKS, "Only the depot's canteen stayed open throughout the works.", ("scope",),
           ("only",), CLAIM),
    Change("scope-in-an-aside-the-statement-keeps", "'buys mostly from farms in the valley' as 'buys entirely "
           "from' (the aside kept, its quantifier changed)", FEED_BARLEY, "Feed barley, which the co-op buys "
           "entirely from farms in the valley, costs about 20 percent more than a year ago.", ("scope",), (),
           CLAIM),
    Change("hedge-would-stated-as-will", "'says the pier would bring 300 jobs' (if it is built) as 'will bring'",
           PIER_JOBS, "The developer says the new pier will bring 300 jobs to the town.", ("hedge",), ("will",
           "would"), CLAIM),
    Change("comparison-above-a-figure-after-a-year", "'11 times our 2026 earnings, against an average of 14 "
           "times' as 'above an average of 14 times': 11 is below 14 (the year between is no figure compared)",
           RAIL_SHARES, "now trade at 11 times our 2026 earnings, above a ten-year average of 14 times",
           ("comparison",)),
    Change("attribution-view-of-another-given-to-the-pages-analyst", "the director's expectation given to the "
           "page's analyst", TOLL_NOTE, "Varga expects the car toll to stay at 3 euros until 2028.",
           ("entity", "attribution"), ("varga",), CLAIM),
    Change("attribution-framed-quote-given-another-speaker", "a quote given with its frame ('Dr Ines Moor said the "
           "closure was \"...\"') whose words are the councillor's", HARBOUR_CLOSURE, "Dr Ines Moor said the closure "
           "was \"a blow to local shops in the middle of the holidays\".", ("attribution", "entity"), ("moor",)),
    Change("attribution-quote-after-a-surname-who-urged", "words of a quote that continues 'Brannigan urged ...' "
           "given to another", HARBOUR_CLOSURE, "Councillor Pavel Rusk warned: \"An hour's delay can mean a mile of "
           "coast.\"", ("attribution", "entity"), ()),
    Change("elision-bracket-names-another-for-a-description", "'[Tomas Weil]' for 'The regulator', whom the "
           "page names Ada Brenn", TRAIN_REVIEW, "[Tomas Weil] is entitled to look at our performance, and she "
           "should.", ("elision", "entity"), ()),
    Change("figure-at-the-very-most-dropped", "'900 euros a year at the very most' as a flat 900 euros",
           TRAIN_REVIEW, "A season ticket cost 900 euros a year in the past.", ("figure",), (), CLAIM),
    Change("exchange-actors-around-an-aside", "the parish council and the rowing club exchanged (the council's "
           "aside 'which manages the lakeside park' between it and its verb; one a name, the other a noun)",
           LAKE_CLOSURES, "Fenby Parish Council has cancelled all junior races, and the rowing club has closed the "
           "swimming area.", ("exchange",), (), CLAIM),
    Change("hedge-dropped-beside-a-reported-view", "'sales may rise' as 'will rise' on a page that reports a "
           "view elsewhere (the view's reporting verb excuses a belief added, not a hedge dropped)", BROKER_VIEW,
           "The group's sales will rise 4 percent next year.", ("hedge",), (), CLAIM),
    Change("figure-paired-with-the-other-figure", "'by 5 percent to 212 million' given as 'by 8 percent to 212 "
           "million' (both figures on the page, each beside another)", BAKERY_FORECASTS, "The analysts cut their "
           "operating profit forecast for this year by 8 percent to 212 million euros.", ("figure",),
           ("8 percent", "5 percent"), CLAIM),
    Change("negation-added-after-a-partitive", "'none of the clubs ... saw their wage bills rise' where the page "
           "says the bills rose (the set picked from named first)", CLUB_ACCOUNTS, "None of the clubs in the "
           "northern league between 2015 and 2020 saw their wage bills rise.", ("negation",), (), CLAIM),
    Change("negation-added-beside-a-rather-than", "'not paid for by drinks makers' where the page sets aside the "
           "taxpayers, not the makers", DEPOSIT_SCHEME, "The auditors expect the deposit scheme not to be paid for "
           "by drinks makers.", ("negation",), (), CLAIM),
    Change("negation-added-where-the-page-has-the-word", "'did not reopen the footbridge' where the page says it "
           "reopened it (another thing kept closed)", FOOTBRIDGE_REOPENED, "The council did not reopen the "
           "footbridge a week after the flood.", ("negation",), (), CLAIM),
    Change("negation-added-before-a-time-the-page-bounds-otherwise", "'will not be lifted before the weekend' where "
           "the page says it will be", WARNING_LIFTED, "The bathing warning will not be lifted before the weekend.",
           ("negation",), (), CLAIM),
    Change("exchange-across-a-rather-than", "'by taxpayers rather than drinks makers' for 'by drinks makers rather "
           "than taxpayers'", DEPOSIT_SCHEME, "The auditors expect the deposit scheme to be paid for by taxpayers "
           "rather than drinks makers.", ("exchange",), (), CLAIM),
    Change("condition-opening-a-long-sentence-dropped", "the promise made unconditional, its condition opening the "
           "sentence many words before", BOARD_PLEDGE, "The board has pledged to reduce class sizes to 25 pupils.",
           ("hedge",), (), CLAIM),
    Change("hedge-deliberation-dropped-under-a-condition", "'would consider applying the limits' as 'would apply "
           "the limits', the condition kept and a review named in it", SPEED_TRIAL, "The minister said that if the "
           "review of the trial showed a clear fall in crashes, the ministry would apply the same limits on other "
           "roads.", ("hedge",), (), CLAIM),
    Change("exchange-of-two-quantifiers", "'mainly on A and partly on B' as 'mainly on B and partly on A'",
           FREIGHT_PROFIT, "The company blamed the fall in profit mainly on a weaker currency and partly on higher "
           "freight costs.", ("exchange",), (), CLAIM),
    Change("negation-dropped-its-word-kept", "'does not include' as 'includes', the sentence otherwise reworded",
           LIBRARY_BUDGET, "The finance officer said the cost of repairing the central library's roof is included "
           "in the new budget.", ("negation",), (), CLAIM),
    Change("negation-under-a-modal-dropped", "'would not rule out closing' as 'have decided to close': the "
           "negation's verb gone with its modal", LIBRARY_BUDGET, "The trustees have decided to close the branch "
           "library in Elm Street.", ("negation", "hedge"), (), CLAIM),
    Change("negation-dropped-with-its-verb", "'would not rule out closing' as 'would close': no words of the "
           "statement's own where the negated verb was", LIBRARY_BUDGET, "The trustees would close the branch "
           "library in Elm Street.", ("negation",), (), CLAIM),
    Change("negated-comparison-made-plain", "'did not have higher losses' as 'had higher losses'", HIVE_SURVEY,
           "The survey found that districts with the most orchards had higher losses than the rest of the county.",
           ("negation",), (), CLAIM),
    Change("not-yet-made-done", "'has not yet tested' as 'has tested'", HIVE_SURVEY, "The association has tested "
           "whether the new mite treatment works in cold weather.", ("negation",), (), CLAIM),
    Change("attribution-speaker-given-another-firm", "the speaker said to work for a firm the page names in another "
           "paragraph, not with the speaker", FISH_PONDS, "Pell Rasko, site manager at Varnet Energy, said the panels "
           "had been raised to about 3 metres so that small boats could pass underneath.",
           ("attribution",), ("varnet", "rasko"), CLAIM),
    Change("attribution-speaker-given-a-firm-never-named", "the speaker said to work for a firm the page never names",
           FISH_PONDS, "Pell Rasko, site manager at Kelmar Solar, said the panels had been raised to about 3 metres so "
           "that small boats could pass underneath.", ("attribution",), ("kelmar",), CLAIM),
    Change("comparison-reversed-before-a-shared-than", "'higher than in Tolm' as 'a lower rent than in Tolm'",
           "In Pinghe, pond owners receive 1,000 crowns a hectare a year, higher than in Tolm, the bureau said.",
           "Pond owners in Pinghe receive a lower rent a hectare than in Tolm, the bureau said.", ("comparison",),
           ("lower", "higher"), CLAIM),
    Change("comparison-reversed-before-a-shared-noun", "'remain below the average' as 'rise above the average'",
           "Even with this increase, tuition will remain below the regional average of about 11,900 dollars, Telford"
           " said.",
           "Telford said that with the increase tuition will rise above the regional average of about 11,900 dollars.",
           ("comparison",), ("above", "below"), CLAIM),
    Change("comparison-above-a-figure-below-it", "'63,500, compared with an average of 66,000' as 'above the average'",
           "Approvals averaged 63,500 a month in the spring, compared with a pre-crisis average of about 66,000.",
           "Approvals averaged 63,500 a month in the spring, above the pre-crisis average.", ("comparison",),
           ("63,500", "66,000"), CLAIM),
    Change("exchange-four-names-in-two-pairs", "who runs which terminal, paired the other way",
           "Harcastle Ports, which runs Eastdock, and Morrow Holdings, which runs Westpier, both warned of delays on "
           "Monday.",
           "Westpier is run by Harcastle Ports and Eastdock by Morrow Holdings, the operators said.", ("exchange",),
           ("westpier", "eastdock"), CLAIM),
    Change("exchange-slots", "two findings trade places between the same words", PIER,
           "Inspectors found cracks on the cables and rust in the deck of the old pier.", ("exchange",),
           ("cracks", "rust"), CLAIM),
    # cause
    Change("causal-other-than-the-as-clause", "the cause an ', as the ...' clause gives replaced by a fact beside it",
           BUS_RECALL,
           "Northline said it expected no cancellations because workshop repairs of recalled buses take two days.",
           ("connective",), ("because",), CLAIM),
    Change("causal-invented", "a 'because' linking two facts the page states side by side", EXPORTS,
           "Exports fell sharply in the spring because the currency strengthened against the dollar.",
           ("connective",), ("because",), CLAIM),
    Change("causal-reversed", "cause and effect reversed", EXPORTS,
           "Energy prices soared because factories cut output.", ("connective", "exchange"), (), CLAIM),
    # attribution
    Change("attribution-opposition-to-minister", "an opposition leader's words given to the minister", BUDGET,
           "Finance Minister Tom Berg said this budget is a disaster for young families.",
           ("attribution",), ("tom berg", "maria keller"), CLAIM),
    Change("attribution-past-an-apposition", "words of 'Wang Li, vice-chair of the ...' given to the coach",
           CHESS, "Coach Huang Jianping said the result proves that the work with young players is bearing fruit.",
           ("attribution",), ("huang jianping", "wang li"), CLAIM),
    Change("attribution-past-a-pronoun", "words 'he' said, after Gerard Vance was named, given to Solberg", MINING,
           "Marta Solberg said that nobody lives down there.",
           ("attribution",), ("solberg", "gerard vance"), CLAIM),
    Change("attribution-past-a-long-apposition", "words 'she' said, after a scientist named with a long "
           "apposition, given to the grower", ORCHARD,
           "Tomas Brandt said blossom now opens two weeks earlier than it did.",
           ("attribution",), ("tomas brandt", "ines varga"), CLAIM),
    Change("attribution-common-noun-speakers", "the agents' warning given to the union", WAGE,
           "The dockers' union has warned that the second rise could push small ferry lines out of the port.",
           ("attribution",), ("union", "shipping"), CLAIM),
    Change("attribution-shared-title", "one doctor's advice given to another doctor", CLINIC,
           "Dr Amadi said owners should bring the animal's records.", ("attribution",), ("amadi", "serra"), CLAIM),
    Change("attribution-minister-to-opposition", "the minister's words given to the opposition leader", BUDGET,
           "Opposition leader Maria Keller said the plan would cut the deficit by half.",
           ("attribution",), ("maria keller", "tom berg"), CLAIM),
    # antonym and substitution
    Change("antonym-deep-to-shallow", "'deep enough' turned into 'too shallow'", FARM_LAW,
           "The harbour is too shallow for large tankers.", ("antonym",), ("shallow", "deep")),
    # WordNet links 'broad' to 'narrow', not to 'limited': the judge reports the pair as a changed word
    Change("antonym-limited-to-broad", "'limited' powers turned into 'broad' powers", FARM_LAW,
           "The new law gives the agency broad powers to inspect farms.", ("antonym", "substitution"),
           ("broad", "limited")),
    Change("antonym-broad-to-limited", "'limited' power turned into 'broad' power", "It has limited power to override.",
           "It has broad power to override.", ("antonym", "substitution"), ("broad", "limited")),
    Change("substitution-content-word", "the reason for a closure replaced by an unrelated one", BRIDGE,
           "The bridge was closed for protests on Monday.", ("substitution",), ("protests", "repairs")),
]  # fmt: skip

FAITHFUL = [
    # figures
    Faithful("figure-written-another-way", "'rose 12 percent' as 'went up 12%'", COUNCIL,
             "Ticket prices went up 12% in 2023."),
    Faithful("figure-vulgar-fractions", "'3.5 to 0.5' as '3½-½'", SAMPLES, "The chess club won the derby 3½-½.",
             CLAIM),
    Faithful("figure-count-kept", "the same count, what is counted unnamed", SAMPLES,
             "The Corley Marsh bird was one of 5,600 logged by volunteers since 2016.", CLAIM),
    Faithful("hedge-can-kept", "'can ignite' as 'is able to ignite'", MEASLES,
             "A single spark is able to ignite the dry grass across the whole ridge.", CLAIM),
    Faithful("hedge-should-kept", "'should hold back' as 'are expected to hold back'", MEASLES,
             "The engineers said the new barriers are expected to hold back most of the floodwater.", CLAIM),
    Faithful("hedge-open-question-kept", "the question kept open in other words", PARKING,
             "In May the school board will consider closing the swimming pool on Abbey Road.", CLAIM),
    Faithful("hedge-striving-kept", "'will strive to' as 'aims to'", PARKING,
             "The rowing club aims to treble its membership by 2031.", CLAIM),
    Faithful("figure-and-a-half-kept", "'1 and a half hours' as 'one and a half hours'", TRAIN,
             "The surveyors said the bypass should shorten the drive from three hours to one and a half hours.", CLAIM),
    Faithful("comparison-above-kept", "'above plan' as 'ahead of plan'", WIND,
             "The bakery chain sold 2.3 million loaves in March, 6 percent ahead of plan.", CLAIM),
    Faithful("scope-count-kept", "'27 farms' as '27 farmsteads'", INNS,
             "Along the canal at Wexley, 27 farmsteads have put up wind pumps.", CLAIM),
    Faithful("scope-in-all-kept", "'in all' is a total, not a scope", INNS,
             "In all, 5 of the trust's 9 museums will close on Mondays from June.", CLAIM),
    Faithful("antonym-moved-kept", "each kind of tram with its own timetable", BRANCHES,
             "The 8 older trams will run only at weekends, while four newer trams run every day.", CLAIM),
    Faithful("hedge-may-not-have-kept", "'may not have crested' as 'might not have crested'", PEAK,
             "The forecasters warned that the river might not have crested yet.", CLAIM),
    Faithful("negation-contracted-kept", "'Nobody is' as 'Nobody's'", "Nobody is closing the market hall, the "
             "treasurer said.", "Nobody's closing the market hall."),
    Faithful("figure-passed-as-bound", "'exceeded 40,000' as 'passed 40,000'", "Season tickets sold have exceeded "
             "40,000, the club said.", "The club said season tickets sold have passed 40,000.", CLAIM),
    Faithful("entity-from-a-later-repeat-kept", "each prize with its own book", AWARDS,
             "The poetry prize went to Ada Penn for \"Night Orchards\".", CLAIM),
    Faithful("figure-bound-kept", "the same figure with its bound", COUNCIL,
             "Ticket prices rose 12 percent in 2023, and at least 40 stations will be rebuilt."),
    Faithful("figure-share-in-words", "'nine in ten' as '90 percent'", SURVEY,
             "About 90 percent of the residents back the tram."),
    Faithful("figure-share-bound", "'fewer than one in five' as 'under 20 percent'", SURVEY,
             "Under 20 percent of the destroyed homes have been rebuilt."),
    Faithful("figure-short-scale", "'3.4 million' as '3.4m', '146 million euros' as 'EUR 146m'", SURVEY,
             "About 3.4m birds were culled this autumn, and the cleanup cost EUR 146m."),
    Faithful("figure-pence-and-points", "'284 pence' as '284p', '0.25 percentage points' as '25bp'", SURVEY,
             "The broker cut its target to 284p and expects a 25bp cut in rates."),
    Faithful("figure-metres", "'4,000 metres' as '4,000m'", SURVEY, "Most animals collected below 4,000m were new."),
    Faithful("figure-bound-verb", "'exceeded 1.2 million' as 'more than 1.2 million'", SURVEY,
             "Shipments to one pharmacy were more than 1.2 million pills, over 30 times the average."),
    # negation
    Faithful("negation-kept", "the 'not' kept", COUNCIL, "The council did not approve the new bus depot."),
    Faithful("negation-refused-to-as-would-not", "'refused to' as 'would not'", COUNCIL,
             "The mayor would not sign the parking plan.", CLAIM),
    Faithful("negation-unusual-as-not-usual", "'unusual' as 'not usual'", DELAYS,
             "Delays of this length are not usual on the northern line."),
    Faithful("negation-not-usual-as-unusual", "'not usual' as 'unusual'", DELAYS,
             "Last winter, the operator said such closures were unusual."),
    Faithful("negation-contraction", "'will not' as 'won't'", "Tariffs will not work.", "Tariffs won't work."),
    Faithful("negation-cannot-as-cant", "'cannot' as 'can't'", "It cannot copy China.", "It can't copy China."),
    Faithful("negation-not-only", "'cheaper and faster' as 'not only cheaper but faster'", "It is cheaper and faster.",
             "It is not only cheaper but faster."),
    Faithful("negation-on-words-not-quoted", "'not X but Y' quoted as Y",
             "Its strength lies not in one plant but in a cluster of suppliers.",
             "Its strength lies in a cluster of suppliers."),
    Faithful("negation-rather-than-as-comma-not", "'rather than a lecture' as ', not a lecture'",
             "A serious answer rather than a lecture.", "A serious answer, not a lecture."),
    Faithful("negation-in-another-sentence", "a negation in the next sentence",
             "Capacity rose to 50 gigawatts. The country has no wafer plants.", "Capacity rose to 50 gigawatts."),
    Faithful("negation-same-meaning-other-words", "'with no conditions' as 'without conditions'",
             "Loans with no conditions will not revive the shipyards.",
             "Loans without conditions will not revive the shipyards."),
    Faithful("negation-of-a-later-clause-not-quoted", "a negated clause after the quoted words",
             "Tax credits helped the yards in Maine, but not the smaller builders on the lakes.",
             "Tax credits helped the yards in Maine."),
    # comparison
    Faithful("comparison-synonym", "'rose faster' as 'climbed faster'", RENTS,
             "Rents in the capital climbed faster than wages last year."),
    Faithful("comparison-fell-as-dropped", "'fell' as 'dropped'", RENTS, "Food prices dropped in the autumn."),
    Faithful("comparison-rose-as-climbed", "'rose' as 'climbed'", "Prices rose 20 percent.",
             "Prices climbed 20 percent."),
    Faithful("comparison-both-directions-reordered", "two movements in the other order",
             "Costs fell while output rose.", "Output rose while costs fell."),
    # hedges
    Faithful("hedge-may-as-might", "'may' as 'might', the condition kept", BANK,
             "The central bank might raise interest rates in March if inflation stays above 4 percent."),
    Faithful("hedge-certain-kept", "'will close' as 'will shut'", BANK, "The steel plant will shut in June."),
    Faithful("hedge-could-as-may", "'could' as 'may'", "Efficiency gains could cut demand.",
             "Efficiency gains may cut demand."),
    Faithful("hedge-on-words-not-quoted", "a hedge on a relative clause left out",
             "Firms bought $41 billion of tools that might be banned.", "Firms bought $41 billion of tools."),
    Faithful("hedge-already-kept", "'already' kept, the later 'will' left out",
             "Prices have already fallen and will fall further.", "Prices already fell."),
    Faithful("hedge-will-of-another-clause", "a 'will' in another clause", "Prices fell, and buyers will notice.",
             "Prices already fell."),
    # scope
    Faithful("scope-among-as-one-of", "'among the largest' as 'one of the largest'", REACH,
             "The port of Rotterdam is one of the largest in the world."),
    Faithful("scope-ordinal-rank-kept", "'third-largest' as 'third biggest'", BREWER,
             "Copperfold Mills, the third biggest paper maker in the valley, will shut its Dunmere site next spring.",
             CLAIM),
    Faithful("scope-bound-kept", "'over 12 tonnes' as 'heavier than 12 tonnes'", TOLL,
             "From April, lorries heavier than 12 tonnes will pay a $9 toll.", CLAIM),
    Faithful("scope-some-kept", "'some farmers' as 'some of the farmers'", REACH,
             "Some of the farmers in the valley lost their harvest to the floods."),
    Faithful("scope-of-words-not-quoted", "a 'most' over what the statement does not say is not dropped", TOWNS,
             "Footfall in Westhaven fell by 6 percent over the same period.", CLAIM),
    Faithful("hedge-kept-before-a-bound", "'expects at least 65 percent' as 'expects no less than 65 percent'",
             TOWNS, "The ministry expects no less than 65 percent of over-75s to get the vaccine.", CLAIM),
    Faithful("scope-each-other", "'each other' as 'one another' is no quantifier", RECALL,
             "The region's dealers learn from each other.", CLAIM),
    Faithful("hedge-may-as-can", "'owners may continue to drive' as 'owners can keep driving'", RECALL,
             "Until the repair is done, owners can keep driving their cars.", CLAIM),
    Faithful("hedge-expected-as-due", "'are expected to be available' as 'are due to reach'", RECALL,
             "Replacement parts are due to reach dealers from 3 June, subject to supplier capacity.", CLAIM),
    Faithful("hedge-estimate-frame", "'we estimate' left out with the claim's frame", RECALL,
             "The analysts reckon the recall will cost the company about 210 million euros.", CLAIM),
    Faithful("condition-if-as-when", "'warns if it detects moisture' as 'warns when'", RECALL,
             "The update displays a warning when the module detects moisture.", CLAIM),
    Faithful("condition-whether-as-depends", "'the key is whether' as 'depends on whether'", RECALL,
             "The plan is right, but everything depends on whether the service can keep up.", CLAIM),
    Faithful("only-with-no-one", "'nobody' as 'no one' beside 'only'", RECALL,
             "If the beds are only installed but no one visits, they will stay empty."),
    Faithful("entity-abbreviation-for-demonym", "'in many American states' as 'in many US states'", TEA,
             "In many US states the same procedure takes several years."),
    Faithful("scope-the-whole-of-a-set-kept", "'all four' as 'each of the four'", FESTIVAL,
             "The jury met in each of the four host cities."),
    Faithful("negation-nowhere-as-missing", "'appears nowhere in the summary' as 'is missing from the summary'",
             SCHOOLS, "The transport cost is missing from the summary.", CLAIM),
    Faithful("negation-if-not-as-unless", "'if the system is not planned' as 'unless the system is planned'", SCHOOLS,
             "Unless a recycling system is planned ahead, it could create new financial pressure.", CLAIM),
    Faithful("figure-day-of-month", "'September 28' beside counts of buses is a date", DEPOT,
             "Since 28 September all 1,508 buses on 96 routes are electric.", CLAIM),
    Faithful("negation-not-but-clauses", "'no immediate risk' as 'not an immediate danger but ...'", DEPOT,
             "The consultants judged that collapse was not an immediate risk but said vehicles must stay off.", CLAIM),
    Faithful("negation-do-not-but-as-never", "'do not stop ... but drive through' as 'never stop'", QUARRY_ROAD,
             "The count found that most lorries never stop in the village, driving straight on to the quarry instead.",
             CLAIM),
    Faithful("negation-stops-at-if", "'If X, I won't be shocked' as 'would not be surprised if X'", CELLS,
             "Salo said she would not be surprised if the first cells came in early 2027.", CLAIM),
    Faithful("negation-no-longer-kept", "'will no longer stop' as 'will not stop'", DEPOT,
             "Route 12 buses will not stop at Kingsmere Road while the bridge is closed.", CLAIM),
    Faithful("causal-implies-as-because", "'keeping old jets flying implies higher costs' as 'because'", DEPOT,
             "Because the older jets keep flying for longer, fuel and maintenance costs will be higher.", CLAIM),
    Faithful("antonym-hyphenated-prefix-as-not", "'non-binding' as 'not binding'", TRAINS,
             "The agreement is not binding on the operators.", CLAIM),
    Faithful("scope-most-kept", "'most residents of the island' reworded", REACH,
             "Most of the island's residents voted for the bridge."),
    # entity
    Faithful("entity-kept", "the country kept, 'factory' as 'plant'", FACTORIES,
             "The carmaker opened a battery plant in Poland last year."),
    # exchange
    Faithful("figure-range-unit-of-its-end", "'1.5 to 2.5 percent' as 'between 1.5% and 2.5%'", HARBOUR,
             "The levy would raise between 1.5% and 2.5% of the school budget.", CLAIM),
    Faithful("figure-dashed-range", "'6-10 weeks' as 'six to 10 weeks'", HARBOUR,
             "Permits usually take six to 10 weeks.", CLAIM),
    Faithful("exchange-two-parts", "each town kept with its own clause, reworded", WEIR,
             "In Brask, farmers and fishing guides have lobbied for the weir's removal for ten years, while in Tolm "
             "many residents see it as the end of their harbour.", CLAIM),
    Faithful("causal-as-none-of", "', as none of its buses are ...' said as 'because none of its buses are'",
             BUS_RECALL, "Westway said it expected no delays because none of its buses are in the batch.", CLAIM),
    Faithful("exchange-each-to-its-own-to", "each port after its own 'to', the list in another order", DIVERTED,
             "According to her, seven ships had already been rerouted: two to Lissby Cove in the south and five to "
             "Farnhold.", CLAIM),
    Faithful("exchange-two-labels", "each item kept in its own list, reworded", WEIR,
             "Downside risks include a strike at the Vell mine, and upside risks include cheaper steel.", CLAIM),
    Faithful("negation-across-an-aside", "'cannot, on its own, close' as 'alone cannot close'", LEVY,
             "The author argues that a levy alone cannot close the town's budget gap.", CLAIM),
    Faithful("scope-whole-kept", "'the whole network' as 'the entire network'",
             "The council approved a trial of free Sunday travel on the whole tram network.",
             "The council approved a trial of free Sunday travel across the entire tram network.", CLAIM),
    Faithful("comparison-a-multiple-is-more", "'twice as much on trams as on roads' as 'more on trams than'",
             "Ardley spent twice as much on trams as on roads last year, the audit found.",
             "Ardley spent more on trams than on roads last year, the audit found.", CLAIM),
    Faithful("hedge-the-suspect-is-a-person", "'the suspect' is a person, no hedge",
             "Police said the suspect was arrested in Varby on Monday.",
             "Police said the suspect had been arrested in Varby on Monday.", CLAIM),
    Faithful("exchange-figures-of-names-in-turn", "names and figures in turn, paired the same way",
             "Of the 90 new hospital beds, Varby will get 52 and Ostholm 38, the ministry said on Monday.",
             "Of the 90 new hospital beds, 52 will go to Varby and 38 to Ostholm, the ministry said.", CLAIM),
    Faithful("figure-every-year-as-each-year", "'every year' as 'each year'",
             "Farmers receive 800 crowns a hectare, which will rise by 5 percent every year.",
             "The 800 crowns a hectare paid to farmers will rise by 5 percent each year.", CLAIM),
    Faithful("scope-every-with-a-number-in-words", "'every eight minutes' as 'every 8 minutes'",
             "Ardley added a free shuttle every eight minutes from two park-and-ride sites.",
             "Ardley added a free shuttle every 8 minutes from two park-and-ride sites.", CLAIM),
    Faithful("scope-at-all-stresses-a-negation", "'do not stop there at all' as 'do not stop there'",
             "The survey found that about 40% of vehicles crossing the old town do not stop there at all.",
             "About 40% of vehicles crossing the old town do not stop there, the survey found.", CLAIM),
    Faithful("condition-provided-is-a-verb", "'comes from' as 'is provided by'",
             "Of the total, 420 million crowns comes from regional funds, and the rest from bonds.",
             "Of the total, 420 million crowns is provided by regional funds, with the rest from bonds.", CLAIM),
    Faithful("causal-as-opens-a-cause", "', as the downturn hit' as 'because the downturn struck'",
             "Some shops would have closed anyway, as the national downturn hit at the same time.",
             "Some shops would have closed anyway because the national downturn struck at the same time.", CLAIM),
    Faithful("entity-a-demonym-and-its-country", "'regulators in Britain' as 'British regulators'",
             "Marwick said it expected to submit the data to regulators in Britain later this year.",
             "Marwick expects to submit the data to British regulators later this year.", CLAIM),
    Faithful("direction-up-in-an-idiom", "'may cost more than' as 'might end up exceeding'",
             "Officials are said to be concerned that the payments, designed to soften the cut for farms losing money, "
             "may cost more than the 45 million budgeted.",
             "Officials are said to be worried that the payments might end up exceeding their 45 million budget.",
             CLAIM),
    Faithful("scope-every-kept", "'every business in the city' as 'each business in the city'",
             "The council will offer a 50 percent discount on business rates to every business in the city.",
             "The council will give each business in the city a 50 percent discount on business rates.", CLAIM),
    Faithful("hedge-weighed-kept", "'were considering an appeal' as 'were weighing an appeal'",
             "The club's lawyers said they were considering an appeal against the ban.",
             "The club's lawyers said they were weighing an appeal against the ban.", CLAIM),
    Faithful("entity-a-name-kept-in-its-place", "the first pool's figure quoted with its own name",
             "Surveys found that Mill Lane needed at least 9 million of repairs over the next decade, and Kilnhurst "
             "about 5.3 million.",
             "Surveys found that Mill Lane needed at least 9 million of repairs over the next decade.", CLAIM),
    Faithful("scope-the-greater-part-is-most", "'most of the lump sum' as 'the greater part of the lump sum'",
             "She put 64,000 crowns, most of the lump sum from her pension, into the casks in 2018.",
             "In 2018 she put 64,000 crowns into the casks, the greater part of the lump sum from her pension.", CLAIM),
    Faithful("scope-simply-before-a-verb-stresses", "'they simply raised fees' as 'they raised fees'",
             "Banks kept their profits: they simply raised annual fees and cut rewards.",
             "Banks kept their profits by raising annual fees and cutting rewards.", CLAIM),
    Faithful("causal-so-we-can-is-a-purpose", "'buying them so we can retire the oldest' as 'so that it can retire'",
             "We are not buying them to grow fast; we are buying them so we can retire the oldest four planes.",
             "The airline is buying them not to grow fast but so that it can retire its oldest four planes.",
             CLAIM),
    Faithful("causal-the-passages-cause", "the passage's own cause, reworded",
             "People with heart disease were excluded, as is usual in such trials, because the drugs narrow blood "
             "vessels. The trial was funded by Marwick, which makes the new drug.",
             "People with heart disease were excluded from the trial because the drugs narrow blood vessels.", CLAIM),
    Faithful("causal-which-is-why", "'X, which is why we move to Hold' as 'moved to Hold because X'",
             "Our 268p target is roughly in line with the current share price of 261p, which is why we move to Hold.",
             "The broker moved to Hold because its 268p target is roughly in line with the share price of 261p.",
             CLAIM),
    Faithful("attribution-to-the-passages-source", "the figures credited to the accounts, as the page does", HOSPITAL,
             "According to the board's accounts, the new wing has 40 beds and cost 12 million crowns.", CLAIM),
    Faithful("comparison-kept-before-a-shared-noun", "'remain below the average' as 'stay lower than the average'",
             "Even with this increase, tuition will remain below the regional average of about 11,900 dollars, Telford"
             " said.",
             "Telford said that even with the increase tuition will stay lower than the regional average of about "
             "11,900 dollars.", CLAIM),
    Faithful("comparison-below-a-figure-above-it", "'63,500, compared with an average of 66,000' as 'below it'",
             "Approvals averaged 63,500 a month in the spring, compared with a pre-crisis average of about 66,000.",
             "Approvals averaged 63,500 a month in the spring, below the pre-crisis average.", CLAIM),
    Faithful("exchange-a-month-is-no-item", "'rejected it in September by eleven votes to three' reordered",
             "In September the council of Eschdorf rejected the project by eleven votes to three, the mayor said.",
             "Eschdorf's council voted eleven to three in September to reject the project, the mayor said.", CLAIM),
    Faithful("causal-due-to-be-done", "'to be completed by the end of 2025' as 'due to be finished by'",
             "The board raised the dividend by 10% and announced a buyback of up to 25m crowns, to be completed by the "
             "end of 2025.",
             "The board lifted the dividend by 10% and unveiled a buyback of up to 25m crowns, due to be finished by "
             "the end of 2025.", CLAIM),
    Faithful("direction-under-is-a-place", "'under growing scrutiny' as 'facing increasing scrutiny'",
             "Fluorinated compounds are under growing scrutiny from regulators in Europe, the chemist said.",
             "Fluorinated compounds are facing increasing scrutiny from regulators in Europe, the chemist said.",
             CLAIM),
    Faithful("exchange-four-names-kept-in-their-pairs", "who runs which terminal, in the passive",
             "Harcastle Ports, which runs Eastdock, and Morrow Holdings, which runs Westpier, both warned of delays on "
             "Monday.",
             "Eastdock is run by Harcastle Ports and Westpier by Morrow Holdings, the operators said.", CLAIM),
    Faithful("exchange-two-words-for-one-thing", "'factories ... plant' as 'plants ... factory'", HARBOUR,
             "The firm has built no plants abroad; instead it upgraded its home factory in Oddvik.", CLAIM),
    Faithful("comparison-verb-particle", "'more than removal' as 'more than taking it down'", HARBOUR,
             "Repairing the pier would cost 40 percent more than taking it down, the council said.", CLAIM),
    Faithful("scope-restrictive-phrase-said-before-the-noun", "'nurses working night shifts' as 'night-shift "
             "nurses'", HOSPITAL_FEES, "Night-shift nurses will be exempt from the parking charge.", CLAIM),
    Faithful("scope-a-verb-after-the-noun-is-no-qualifier", "'drivers voted in favour of the plan' as 'drivers "
             "backed the plan'", HOSPITAL_FEES, "Drivers at the depot backed the plan by 79 percent.", CLAIM),
    Faithful("entity-with-its-own-clause", "what the page says of the A52 said of the A52", ROAD_CAMERAS,
             "Speed cameras on the A52 will be switched on from 3 March.", CLAIM),
    Faithful("figure-whose-unit-the-next-clause-repeats", "'350 km/h' where the next clause has '300 kilometres per "
             "hour' too", ROAD_CAMERAS, "The line has a design speed of 350 km/h.", CLAIM),
    Faithful("attribution-an-answer-given-to-the-interviewee", "an interview's answer credited to the interviewee "
             "the page's head names", BERTH_INTERVIEW, "Tovar said the fishing quay stays where it is and keeps its "
             "own entrance.", CLAIM),
    Faithful("entity-in-its-own-sentence", "the firm that paid the fees, as the page names it", PILL_FEES,
             "One of its nine authors received consultancy fees from Pelham Pharma.", CLAIM),
    Faithful("scope-each-for-both", "'in both directions' as 'in each direction'", KESSBY_WARDS,
             "On the ring road the limit drops from 100 to 80 km/h in each direction.", CLAIM),
    Faithful("scope-both-after-the-two-named", "'A and B lost' as 'A and B both lost'", TWO_RESERVES,
             "Ravel Fen and Ostby Moor both lost a third of their bees.", CLAIM),
    Faithful("scope-both-as-the-two-named", "'in both countries' as 'in Kirvik and in Pellan'", TWO_RESERVES,
             "Nationalists in Kirvik and in Pellan complain that their side gave the water away.", CLAIM),
    Faithful("comparison-agrees-with-a-list-with-one-unit", "'38,000 homes in Tolven and 21,000 in Harrowby' as "
             "'more homes ... in Tolven than in Harrowby'", POWER_CUTS,
             "On Tuesday night more homes were without power in Tolven than in Harrowby, grid operators said.", CLAIM),
    Faithful("negation-whether-or-not-is-none", "'whether or not the buyer owns a car' as 'whether the buyer owns "
             "a car'", FLAT_PRICES, "The cost of a space is folded into the price of every flat, whether the buyer "
             "owns a car.", CLAIM),
    Faithful("negation-in-an-aside-left-out", "'Liss, who was not involved in the research, said the study was "
             "large' as 'Liss said the research was large' (the aside left out, its word reused)", STUDY_ASIDE,
             "Ana Liss said the research was large and carefully done.", CLAIM),
    Faithful("exchange-not-a-share-and-an-amount", "'reached 31,000 yuan, an increase of 12%' as 'rose 12 percent to "
             "31,000 yuan'", VILLAGE_INCOME, "Lanxi villagers' average income rose 12 percent last year to 31,000 yuan "
             "per person.", CLAIM),
    Faithful("attribution-an-answer-given-to-the-interviewee-introduced", "an interview's answer credited to the "
             "interviewee its introduction names once, after the page's head", KELLBY_INTERVIEW, "Tovar said the "
             "fishing quay stays where it is and keeps its own entrance.", CLAIM),
    Faithful("scope-both-speakers-said-it", "what both operators said given to 'both operators'", TWO_OPERATORS,
             "Both operators said fares would be refunded in full.", CLAIM),
    Faithful("negation-the-same-not-over-a-wider-clause", "', and it's not negotiable' as 'and was not up for "
             "negotiation' (the statement's clause takes in the words before the passage's comma)", FERRY_PRICE,
             "Ora Lund said they would talk to whoever won, but that the ferry subsidy was their price and was not up "
             "for negotiation.", CLAIM),
    Faithful("negation-contracted-contrast", "'isn't X but Y' for 'is not X but Y'", LIGHTHOUSE,
             "My worry is not the cost but the timing.", QUOTE),
    Faithful("negation-contracted-not-only", "'isn't only X, but also Y' for 'is not only X, but also Y'",
             LIGHTHOUSE, "The key isn't only the money, but also the staff.", QUOTE),
    Faithful("figure-over-years-after", "'over 90 years after' for 'more than 90 years after'", LIGHTHOUSE,
             "The lighthouse will be handed back to the town, over 90 years after the navy took it over in 1934.",
             CLAIM),
    Faithful("figure-beneath-for-under", "'beneath forty metres of rock' for 'under forty metres of rock'",
             LIGHTHOUSE, "Its lamp sits beneath forty metres of rock and cliff.", CLAIM),
    Faithful("scope-each-for-per", "'on each room' for 'per room'", LIGHTHOUSE,
             "The keeper's cottage will be let for 900 crowns a month on each room.", CLAIM),
    Faithful("scope-all-over-left-out", "'from all over' (everywhere) left out", LIGHTHOUSE,
             "Visitors come to see the tower, which leans, sometimes by as much as a degree in winter storms.", CLAIM),
    Faithful("scope-at-times-for-sometimes", "'at times' for 'sometimes'", LIGHTHOUSE,
             "Visitors come from all over to see the tower, which leans, at times by as much as a degree in winter "
             "storms.", CLAIM),
    Faithful("hedge-inverted-condition-kept", "'Were there a second storm season' for 'If there were a second storm "
             "season'", LIGHTHOUSE, "Were there a second storm season like the last, the town would have to close the "
             "tower.", CLAIM),
    Faithful("comparison-up-to-half-is-a-bound", "'up to half' of a reserve drawn down: a bound, no direction",
             LIGHTHOUSE, "Up to half of the council's 2 million crown reserve may be drawn down for repairs.", CLAIM),
    Faithful("negation-nothing-more-than", "'nothing more than a ruin' for 'a ruin'", LIGHTHOUSE,
             "The harbour master warned that walkers would be visiting nothing more than a ruin within a decade if "
             "nothing was done.", CLAIM),
    Faithful("entity-frame-speaker-is-no-counterpart", "'Lind said the Nordvik Timber Group was considering' for "
             "'Its director, Eva Lind, said the group was considering'", TIMBER_YARD, "Lind said Nordvik Timber was "
             "considering a complaint to the port authority, but added that no decision had been taken.", CLAIM),
    Faithful("negation-by-a-prefix-elsewhere", "'dry out untreated' for 'dry out without treatment'", TIMBER_YARD,
             "Green oak, though it looks sound, splits if it is allowed to dry out untreated, the yard's conservator "
             "said.", CLAIM),
    Faithful("hedge-depends-for-rely-on", "'depends on' for 'must rely on'", TIMBER_YARD,
             "Keeping the staff depends on steady orders, Lind said.", CLAIM),
    Faithful("hedge-as-long-as-for-while", "'for as long as' for 'while'", TIMBER_YARD,
             "The analysts think the discount is justified for as long as the group's margin keeps falling.", CLAIM),
    Faithful("hedge-will-on-both-sides", "'will come from savings planned before' for 'will come from savings "
             "already planned'", TIMBER_YARD, "About half of the money will come from savings that the yard planned "
             "before.", CLAIM),
    Faithful("scope-as-a-whole-for-whole", "'the storage budget as a whole' for 'the whole budget for storage'",
             TIMBER_YARD, "The yard's storage budget as a whole has been cut.", CLAIM),
    Faithful("negation-no-for-not-over-the-subject", "'no decision has been taken' for 'a decision has not been "
             "taken'", PERMITS, "No decision on the hour has been taken yet.", CLAIM),
    Faithful("attribution-colon-quote-right-speaker", "'X said: \"...\"' with the page's speaker", SHIPWRECK,
             "Samuel Okafor, head of conservation, said: \"We need a tank roughly 14 metres long, and we don't have "
             "one.\"", CLAIM),
    Faithful("hedge-may-not-permission-kept", "'may not park' (a rule) said as 'are not allowed to park'",
             STREET_TREES, "Drivers are not allowed to park under the new trees.", CLAIM),
    Faithful("hedge-might-not-yet-for-may-not-yet", "'might not yet' for 'may not yet'", STREET_TREES,
             "About half of the city's street trees were planted after 2010 and might not yet cast much shade.", CLAIM),
    Faithful("exchange-distant-than-same-order", "'higher among the Park's residents than among visitors'",
             PARK_SURVEY, "Support for a permit system was higher among the Park's residents than among visitors.",
             CLAIM),
    Faithful("figure-in-over-years", "'the lowest in over ten years' for 'lowest level in more than a decade'",
             TRADE_GAP, "The goods deficit with Velland shrank to roughly $279bn last year, the lowest in over ten "
             "years.", CLAIM),
    Faithful("figure-picking-up-to-no-bound", "'picking up to 1.4 percent' is the growth, not a bound on it",
             TRADE_GAP, "Growth is expected to be 0.9 percent this year and 1.4 percent in 2027.", CLAIM),
    Faithful("scope-by-themselves-for-alone", "'by themselves' for 'alone'", RESTRICTED,
             "Borrowing costs by themselves could delay the point at which the centre breaks even by two years.",
             CLAIM),
    Faithful("scope-alone-for-on-their-own", "'alone cannot' for 'on their own cannot'", RESTRICTED,
             "Tariffs alone cannot create a supply chain, the author argues.", CLAIM),
    Faithful("scope-its-own-possessive", "'its own pay claim' is a possessive, no restriction", RESTRICTED,
             "Talks over its own pay claim may fail.", CLAIM),
    Faithful("hedge-inverted-should-before-an-adjective", "'should fresh survey figures show' for 'if new survey "
             "data showed'", COD_REVIEW, "Ministers agreed the cod limit would be reviewed in June should fresh survey "
             "data show the stock was still declining.", CLAIM),
    Faithful("attribution-continued-quote-right-speaker", "the words of a quote that continues the one credited "
             "before it, given to its speaker", FARM_CLOCKS, "Ingrid Moe said that what hurts is \"the change itself, "
             "twice a year\".", CLAIM),
    Faithful("exchange-names-of-two-short-sentences-kept", "the two towns in their places", TOUR_TOWNS,
             "Ashby has accepted the offer of a spring concert programme, but the company has not yet heard from "
             "Colne.", CLAIM),
    Faithful("scope-universal-dropped-kept-generic", "'spares small fishing boats entirely' as 'leaves small "
             "fishing boats out': a universal left out, the statement read as generic", HARBOUR_FEES, "Mooring fees "
             "will rise by 6 percent in April, though small fishing boats will be left out of the rise.", CLAIM),
    Faithful("scope-each-dropped-kept-generic", "'inspect each mooring chain' as 'inspect the mooring chains'",
             HARBOUR_FEES, "The board's divers will inspect the mooring chains before the season opens.", CLAIM),
    Faithful("hedge-proposed-names-a-thing", "'proposed an amendment that would have scrapped': the amendment "
             "named, no hedge over a clause", BRIDGE_TOLL, "Dahl's amendment, which would have scrapped the bridge "
             "toll for residents, was voted down by 31 votes to 19.", CLAIM),
    Faithful("hedge-plan-names-a-thing", "'the mayor's plan includes a discount' as 'the mayor's discount'",
             BRIDGE_TOLL, "The mayor's discount for delivery vans is part of the package.", CLAIM),
    Faithful("scope-some-before-a-list-kept", "'some vessels and two old piers' kept", FERRY_CHECKS,
             "The port authority ordered safety checks on some vessels and two old piers after the collision.",
             CLAIM),
    Faithful("exchange-item-beside-the-other-phrase-kept", "the two clauses in the other order, each item with "
             "its own predicate", TRANSIT_PRICES, "Tram tickets rose 3.2 percent in the first quarter, while metro "
             "fares were frozen.", CLAIM),
    Faithful("exchange-subjects-of-two-clauses-kept", "each worry with its own group, reworded", MARKET_WORRIES,
             "The director said farmers had complained most about dust and noise, and bakers most that there was "
             "nowhere to unload.",
             CLAIM),
    Faithful("attribution-speaker-with-a-long-description-kept", "the foundation's director credited with his "
             "own words, named with the page's long description", RURAL_SCHOOLS, "Tomas Brell, director of the "
             "Brell Foundation for Rural Learning, said the foundation would pay for 40 bursaries for trainee "
             "teachers who agree to stay five years.", CLAIM),
    Faithful("scope-count-of-an-unknown-noun-kept", "'7 of the 11 minigrids' kept", VILLAGE_MINIGRIDS,
             "Output was under the contracted level at 7 of the 11 minigrids the agency oversees.", CLAIM),
    Faithful("hedge-on-a-figure-kept-as-an-approximation", "'perhaps a third' as 'maybe a third'",
             ORCHARD_HARVEST, "Growers in the valley expect to pick maybe a third of a normal apple harvest after "
             "the late frost.", CLAIM),
    Faithful("scope-almost-always-as-nearly-always", "'almost always' quoted as 'nearly always'", STORM_DRAINS,
             "Blocked gullies are nearly always what floods these streets"),
    Faithful("hedge-not-cut-off-by-a-report-or-an-intention", "a quote that starts after 'said they would' or "
             "'plans to': what was said or planned, quoted", BAKERY_PRICES, "close its oldest bakery in Dunmore"),
    Faithful("hedge-kept-at-the-start-of-a-quote", "the whole hedged sentence quoted", BAKERY_PRICES,
             "It is likely that bread prices will rise again in the spring"),
    Faithful("entity-month-may-kept", "the vote 'on 14 May' as 'in May'", FERRY_MEETING,
             "The council votes on the budget in May.", CLAIM),
    Faithful("scope-only-for-a-contrast", "'approved the design, not its construction' as 'approved only the "
             "design, not its construction'", DEPOT_WORKS, "The council has approved only the design of the new "
             "bus depot, not its construction.", CLAIM),
    Faithful("scope-only-for-limited-to", "'the damage was limited to the roof' as 'only the roof was damaged'",
             DEPOT_WORKS, "Inspectors said only the roof of the old depot was damaged.", CLAIM),
    Faithful("scope-only-before-a-few", "'few delays' as 'only a few delays'", DEPOT_WORKS,
             "Operators reported only a few delays during the works.", CLAIM),
    Faithful("scope-in-an-aside-left-out", "the aside 'which the co-op buys mostly from farms in the valley' "
             "left out (its farms and valley are the statement's too)", FEED_BARLEY, "Feed barley costs farms in "
             "the valley about 20 percent more than a year ago, the co-op's manager said.", CLAIM),
    Faithful("hedge-would-of-reported-speech-as-will", "'said the first berths would open in 2027' (reported "
             "speech) as 'will open'", PIER_JOBS, "The developer's chairman says the first berths will open in "
             "2027.", CLAIM),
    Faithful("comparison-below-a-figure-after-a-year", "'against an average of 14 times' as 'below an average "
             "of 14 times'", RAIL_SHARES, "The rail group's shares now trade at 11 times our 2026 earnings, below a "
             "ten-year average of 14 times.", CLAIM),
    Faithful("coverage-the-pages-analyst-holds-the-view", "'We expect' of the page's analyst as 'Varga expects' "
             "(her name is in the byline, not near the passage)", TOLL_NOTE, "Varga expects the lorry toll to reach "
             "9 euros by 2027.", CLAIM),
    Faithful("comparison-figure-of-a-fronted-phrase", "'output was below the contracted level at 7 of the 11 "
             "minigrids' with the place first: the 11 counts minigrids, it is not below the level", VILLAGE_MINIGRIDS,
             "At 7 of the 11 minigrids the agency oversees, output was below the contracted level.", CLAIM),
    Faithful("attribution-framed-quote-right-speaker", "the councillor's words given with his frame",
             HARBOUR_CLOSURE, "Councillor Pavel Rusk said the closure was \"a blow to local shops in the middle of "
             "the holidays\"."),
    Faithful("attribution-quote-after-a-surname-who-urged-kept", "the words of 'Brannigan urged ...' given to her",
             HARBOUR_CLOSURE, "Brannigan warned: \"An hour's delay can mean a mile of coast.\""),
    Faithful("elision-bracket-names-the-description", "'[Ada Brenn]' for 'The regulator', named with that noun "
             "in the question", TRAIN_REVIEW, "[Ada Brenn] is entitled to look at our performance, and she should."),
    Faithful("negation-of-another-clause-not-cut-off", "a quote that starts after 'had not cut services lightly "
             "and that': the negation is the other clause's", TRAIN_REVIEW, "it would restore them by May"),
    Faithful("hedge-providing-as-a-verb", "'keep providing bus links': the verb, no condition", TRAIN_REVIEW,
             "The county will keep providing bus links while the works last.", CLAIM),
    Faithful("figure-at-the-very-most-kept", "'at the very most' as 'at most'", TRAIN_REVIEW,
             "A season ticket used to cost at most 900 euros a year.", CLAIM),
    Faithful("exchange-actors-around-an-aside-kept", "each actor with its own action, the aside left out",
             LAKE_CLOSURES, "Fenby Parish Council has closed the swimming area, and the rowing club has cancelled "
             "all junior races.", CLAIM),
    Faithful("hedge-belief-for-a-reported-view", "'argued that the market underrates' as 'believes the market "
             "underrates' (whose view it is, a long description between)", BROKER_VIEW, "Mira Sand of Oakby "
             "Securities, who upgraded the shares in May, believes the market underrates the group's pricing power.",
             CLAIM),
    Faithful("figure-paired-as-the-page-pairs", "'by 8 percent to 240 million' for next year kept",
             BAKERY_FORECASTS, "The analysts cut their operating profit forecast for next year by 8 percent to 240 "
             "million euros.", CLAIM),
    Faithful("negation-after-a-partitive-kept", "'none of the clubs ... made a profit' for 'not one of them made a "
             "profit' (the set picked from named in the sentence before)", CLUB_SURVEY, "None of the clubs in the "
             "northern league between 2015 and 2020 made a profit.", CLAIM),
    Faithful("negation-as-rather-than", "'and not the taxpayer' for 'rather than taxpayers'", DEPOSIT_SCHEME,
             "The auditors expect the deposit scheme to be paid for by drinks makers and not the taxpayer.", CLAIM),
    Faithful("negation-as-an-antonym", "'did not reopen the footbridge' for 'kept the footbridge closed'",
             FOOTBRIDGE_FLOOD, "The council did not reopen the footbridge for a month after the flood.", CLAIM),
    Faithful("negation-as-a-time-limit", "'will not be lifted before' for 'stays in place until'", BATHING_WARNING,
             "The bathing warning will not be lifted before two weekly tests in a row come back clear.", CLAIM),
    Faithful("negation-until-as-only-after", "'will be chosen only after' for 'will not be chosen until'",
             LANDING_SITE, "The agency said the landing site will be chosen only after the spring flybys.", CLAIM),
    Faithful("exchange-across-a-rather-than-kept", "'instead of taxpayers' for 'rather than taxpayers'",
             DEPOSIT_SCHEME, "The auditors expect the deposit scheme to be paid for by drinks makers instead of "
             "taxpayers.", CLAIM),
    Faithful("condition-opening-a-long-sentence-kept", "the promise given with its condition", BOARD_PLEDGE,
             "The board has promised to cut class sizes to 25 pupils if the county council approves the extra "
             "funding.", CLAIM),
    Faithful("hedge-deliberation-under-a-condition-kept", "'would consider applying the limits' kept, the condition "
             "moved", SPEED_TRIAL, "The minister said the ministry would consider applying the same limits on other "
             "roads if the review of the trial showed a clear fall in crashes.", CLAIM),
    Faithful("exchange-of-two-quantifiers-kept", "'mainly' and 'partly' each kept with its phrase, reworded",
             FREIGHT_PROFIT, "The company blamed the drop in profit largely on higher freight costs and partly on a "
             "weaker currency.", CLAIM),
    Faithful("negation-said-in-other-words", "'does not include' as 'leaves out'", LIBRARY_BUDGET,
             "The finance officer said the new budget leaves out the cost of repairing the central library's roof.",
             CLAIM),
    Faithful("negated-comparison-as-no-comparative", "'did not have higher losses than' as 'losses no higher "
             "than'", HIVE_SURVEY, "According to the survey, losses in the districts with the most orchards were no "
             "higher than in the rest of the county.", CLAIM),
    Faithful("not-yet-as-still-to", "'has not yet tested' as 'has still to test'", HIVE_SURVEY, "Whether the new "
             "mite treatment works in cold weather is something the association has still to test.", CLAIM),
    Faithful("attribution-speaker-described-where-first-named", "the speaker's employer as the page gives it where "
             "it first names the speaker, two paragraphs before the passage", FISH_PONDS, "Pell Rasko, site manager at "
             "Orrin Green Power, said the panels had been raised to about 3 metres so that small boats could pass "
             "underneath.", CLAIM),
    Faithful("attribution-part-of-the-name", "'Li said' for 'Li Wenhua said'", HARBOUR,
             "Li Wenhua said the port expects cargo to top 40 million tonnes.", CLAIM),
    Faithful("entity-a-preposition-starting-a-sentence", "'Among the options ...': no name", TOWN_HALL,
             "Among the options the council is weighing, Ortiz said, are a new levy and a hiring freeze.", CLAIM),
    Faithful("attribution-believes-without-that", "'X believes the target ...': a reporting frame", TOWN_HALL,
             "Fenbank economist Ana Ruiz believes the target is within reach if the town cuts spending.", CLAIM),
    Faithful("scope-each-year-is-a-rate", "'a year' as 'each year'", TOWN_HALL,
             "Schools must keep 150 teaching days and 1,080 hours of teaching each year.", CLAIM),
    Faithful("figure-range-in-words", "'five to seven weeks' as '5 to 7 weeks'", TOWN_HALL,
             "Pupils fell behind by 5 to 7 weeks of learning.", CLAIM),
    Faithful("scope-qualifier-kept", "'its small and independent member bakeries' kept", GUILD,
             "Olsen said about one in four of the guild's small and independent member bakeries shut last year.",
             CLAIM),
    Faithful("figure-under-a-span-of-time", "'less than three months' as 'under three months'", STUDY,
             "For people on the drug for under three months the study found no clear rise in risk.", CLAIM),
    Faithful("negation-over-its-noun-phrase", "'had no role in the design' as 'had no part in the design'", STUDY,
             "The trust, which paid for the study, said it had no part in the design of the study.", CLAIM),
    Faithful("negation-phrase-ends-at-a-preposition", "'without a trophy for the first time' reworded", STUDY,
             "For the first time since 2015, the club ends a season with no silverware.", CLAIM),
    Faithful("attribution-the-frame-after-the-statement", "'A argues that X, B said': B is the speaker", STUDY,
             "In Harwick the union argues that Dalby gave up too much, while farmers in Tarn complain that Orsa "
             "gave the water away, Marsk said.", CLAIM),
    Faithful("figure-its-rival-quoted-too", "both figures of 'about 40 ..., twice the 20' kept", LEDGER,
             "The note estimates that every 10 percent increase in wheat prices would trim roughly 40 basis points "
             "from Brava's operating margin, double the 20-basis-point hit for Mardon.", CLAIM),
    Faithful("condition-should-before-its-subject", "'if the firm refused to talk' as 'should the firm refuse'",
             LEDGER, "Kova said the union would oppose compulsory redundancies and would not rule out a strike "
             "should the firm refuse to talk.", CLAIM),
    Faithful("scope-each-year-a-rate-on-the-source-side", "'each year' as 'a year'", LEDGER,
             "There were 9.2 falls per 1,000 people a year among users.", CLAIM),
    Faithful("scope-most-likely-a-superlative", "'the most likely cause' as 'the likeliest cause'", LEDGER,
             "Hale said the likeliest cause was the weather.", CLAIM),
    Faithful("scope-some-before-a-figure", "'some 400 workers' as 'around 400 workers'", LEDGER,
             "The county sent around 400 workers to the coast.", CLAIM),
    Faithful("scope-some-before-a-sum-of-money", "'some $3 million' as 'some 3 million dollars'", LEDGER,
             "The county paid some 3 million dollars for the sea wall.", CLAIM),
    Faithful("antonym-none-an-adverb-for-its-adjective", "'as fast as possible' as 'as quickly as possible'", WELLS,
             "The council wants the pumps replaced as quickly as possible."),
    Faithful("comparison-a-fall-by-a-figure-as-down", "'fell by about 7 percent' as 'down about 7 percent'", WELLS,
             "Water use in the town was down about 7 percent in June on a year earlier.", CLAIM),
    Faithful("scope-only-twice-as-just-twice", "'only twice in the last century' as 'just twice in a hundred "
             "years'", WELLS, "The river has gone dry just twice in a hundred years.", CLAIM),
    Faithful("negation-unlikely-to-as-probably-not", "'is unlikely to arrive' as 'probably won't arrive'", WELLS,
             "Any payment from the state probably won't arrive before the spring.", CLAIM),
    Faithful("negation-avoided-as-spared", "'has avoided the rationing' as 'has been spared the rationing'", WELLS,
             "Unlike its neighbours, the town has been spared rationing.", CLAIM),
    Faithful("attribution-a-speaker-inside-an-according-to", "'According to the paper, Marr said' for the paper "
             "quoting Marr", GAZETTE,
             "According to the Harbour Gazette, port board head Ilse Marr said the new cranes were two years late.",
             CLAIM),
    Faithful("scope-one-as-a-single", "'filed by one neighbouring town' as 'lodged by a single neighbouring town'",
             WELLS, "A complaint lodged by a single neighbouring town is still pending.", CLAIM),
    Faithful("attribution-an-author-citing-a-source", "the lead author writes what the note has 'according to' "
             "the port authority", NOTE,
             "Malin Ostrova writes that freight volumes at the port rose 4 percent in March, citing the port "
             "authority.",
             CLAIM),
    Faithful("scope-a-whole-area-kept", "'low across the province' as 'across the province, rainfall was low'",
             WELLS, "Across the province, rainfall was low.", CLAIM),
    Faithful("scope-except-as-only", "'identical except for the name' as 'differed only in the name'", LEDGER,
             "The 900 letters differed only in the sender's name.", CLAIM),
    Faithful("hedge-going-from-is-no-future", "'going from Ulm to the capital' is no 'going to'", LEDGER,
             "According to Zhao, a trip from Ulm to the capital now takes less time than a meal.", CLAIM),
    Faithful("figure-x-for-times", "'2.6 times earnings' as '2.6x earnings'", LEDGER,
             "Brava ended June with debt of 2.6x earnings.", CLAIM),
    Faithful("attribution-a-role-for-a-named-speaker", "'Ines Rook, a judge' as 'the judge'", LEDGER,
             "The Tolva judge said the ruling was final.", CLAIM),
    Faithful("scope-chiefly-as-mostly", "'mostly' as 'chiefly'", BRIEFING,
             "Most of the delay is in Ostby, mostly at the docks.", CLAIM),
    Faithful("causal-through-as-because", "'mostly through lost hours' as 'largely because of lost hours'",
             BRIEFING, "Each strike day costs the city £2m to £3m, largely because of lost hours.", CLAIM),
    Faithful("scope-part-of-a-place", "'in the eastern part of the county' as 'in the county's east'", BRIEFING,
             "Response times in the county's east will not get better.", CLAIM),
    Faithful("scope-every-before-a-figure", "'for every 10 shares' as 'per 10 shares'", BRIEFING,
             "The board proposed a dividend of 2 crowns per 10 shares.", CLAIM),
    Faithful("negation-no-role-for-not-involved", "'who is not involved' as 'who has no role'", BRIEFING,
             "Dr Vane, who has no role in the trial, called it promising.", CLAIM),
    Faithful("scope-partly-as-partial", "'fed partly by groundwater' as 'partial feeding by groundwater'", RESERVOIRS,
             "The reservoir is below average too, because it has a larger catchment and partial feeding by "
             "groundwater.", CLAIM),
    Faithful("scope-some-other-is-another", "'in some other way' as 'another way in'", RESERVOIRS,
             "The lawyer asked whether the attackers could have found another way in.", CLAIM),
    Faithful("scope-next-cheapest", "'cheaper than the nearest competitor' as 'below the next-cheapest'",
             HEAT_PUMPS, "The council said Brandmoor's bid was about 20 percent below the next-cheapest competitor.",
             CLAIM),
    Faithful("condition-should-after-a-comma", "'If the General Assembly approves' as ', should state lawmakers "
             "approve'", TUITION, "The board has pledged that, should state lawmakers approve the 5 percent rise in "
             "operating support, it will cut the in-state increase to 2.5 percent.", CLAIM),
    Faithful("condition-if-for-where", "'Where cracks are deeper' as 'If cracks are deeper'", BRIEFING,
             "If cracks are more than 2 mm deep, the part has to be replaced.", CLAIM),
    Faithful("attribution-the-analysts-of-the-note", "the note's analysts, named in its head", BRIEFING,
             "Mira Solberg and Jon Arne think demand might grow again in 2026.", CLAIM),
    Faithful("ellipsis-only-a-conjunction-left-out", "', and' left out", BRIEFING,
             "The crews did what they were trained to do ... that is why nobody was hurt"),
    Faithful("figure-for-over-a-span-of-time", "'for more than 180 days' as 'for over 180 days'", BRIEFING,
             "Homes left empty for over 180 days a year would pay the levy.", CLAIM),
    Faithful("figure-a-count-of-another-noun", "'91 seats' beside '29 went to others'", BRIEFING,
             "The plan gives Tarn 47 of the assembly's 91 seats.", CLAIM),
    Faithful("figure-this-year", "'this year' as '2025'", BRIEFING,
             "We expect a surplus in 2025, against a deficit of 90,000 tonnes in 2024."),
    Faithful("comparison-over-a-figure", "'waiting more than a year fell' as 'waiting over a year fell'", BRIEFING,
             "The number of patients waiting over a year fell to 1,870, down from 2,640.", CLAIM),
    Faithful("entity-a-nationality-for-its-country", "'Norvia's government' as 'the Norvian government'", HARVEST,
             "Marwick took one tanker back on Monday, a move the Norvian government said it understood.", CLAIM),
    Faithful("condition-should-before-a-figure", "'if we sell one or two players' as 'should one or two be sold'",
             HARVEST, "Roe said the wage bill would fall by about £8 million, possibly more should one or two players "
             "be sold in January.", CLAIM),
    Faithful("hedge-than-we-expected-reports", "'better than we expected' as 'exceeded our expectations'", HARVEST,
             "The results have exceeded our expectations."),
    Faithful("scope-most-before-an-adjective-counts", "'at most large supermarkets' as 'at most big supermarkets'",
             HARVEST, "A shelf stacker at most big supermarkets earns more.", CLAIM),
    Faithful("bracket-named-in-the-quote-itself", "'It' as '[The setting]', named in the quote's first sentence",
             HARVEST, "The fix was a setting. [The setting] would probably have taken an hour."),
    Faithful("ellipsis-a-clause-of-its-own-across-sentences", "a coordinate clause and an attribution left out",
             HARVEST, "This land grew maize ... Now I collect rent for my land."),
    Faithful("scope-a-name-is-no-qualifier", "'44.1 degrees Celsius' as '44.1 degrees'", HARVEST,
             "It reached 44.1 degrees on Tuesday.", CLAIM),
    Faithful("figure-temperature-written-short", "'44.1 degrees Celsius (111.4 Fahrenheit)' as '44.1C (111.4F)'",
             "It reached 44.1 degrees Celsius (111.4 Fahrenheit) in Orvado on Tuesday, a record.",
             "It reached 44.1C (111.4F) in Orvado on Tuesday, a record.", CLAIM),
    Faithful("scope-numbers-count", "'a fall in passenger numbers' as 'a drop in ridership numbers'", MILL,
             "The fare change is meant to reverse a drop in passenger numbers.", CLAIM),
    Faithful("comparison-less-expensive-is-cheaper", "'It's cheaper' as 'It is less expensive'", MILL,
             "It is less expensive, that's good, but the tram is already full."),
    Faithful("scope-the-bulk-of", "'Most of the flour' as 'the bulk of the flour'", MILL,
             "The bulk of the flour comes from the valley.", CLAIM),
    Faithful("causal-so-after-a-comma", "'..., so the first menus' as 'Because ..., the first menus'", MILL,
             "Because some of it takes two years to mature, the first menus lean on bought produce.", CLAIM),
    Faithful("condition-if-as-whether", "'I don't know yet if we'll manage it' as 'she is not sure she will'", MILL,
             "The chef said she does not know yet whether they will manage it.", CLAIM),
    Faithful("spelling-closed-compound", "'mid-sized' as 'midsize'", CARRIERS,
             "We still think Aurelle is among the best-run midsize carriers in the region."),
    Faithful("spelling-hyphenated-compound", "'email' as 'e-mail', 'co-operative's' as 'cooperative's'", CARRIERS,
             "Bookings can be changed by e-mail or at the cooperative's desk."),
    Faithful("bracket-surname-for-first-name", "'Tomasz' as '[Wieland]', one person on the page", MILL,
             "[Wieland] is stricter than I am"),
    Faithful("bracket-surname-named-far-back", "'Tomasz' as '[Wieland]', the full name five sentences back",
             LAB_HIRE, "[Wieland] is stricter than I am about safety, which is why I wanted him."),
    Faithful("negation-no-one", "'Nobody' as 'No one'", TENANTS, "No one from the council has ever asked the tenants."),
    Faithful("only-simply-for-just", "'I just don't know' as 'I simply do not know'", TREASURER,
             "I simply do not know where the money will come from."),
    Faithful("negation-not-just", "'did not sit and wait' as 'did not just sit there waiting'", PARISH,
             "The growers did not just sit there waiting for the rain.", CLAIM),
    Faithful("condition-as-long-as", "'provided it keeps' as 'as long as it keeps'", PARISH,
             "The district may open on Fridays as long as it keeps 150 teaching days.", CLAIM),
    Faithful("scope-any-as-every", "'to let any county' as 'to let every county'", PARISH,
             "The senate voted 30 to 19 to let every county set its own speed limits.", CLAIM),
    Faithful("scope-as-part-of", "'built as part of the 2024 plan' as 'built under the 2024 plan'", PARISH,
             "The footbridge, built under the 2024 plan, opened in May.", CLAIM),
    Faithful("exchange-passive-kept", "the same suit told in the passive", LAWSUIT,
             "Globex was sued by Acme Corp in 2022 over a patent for solar inverters.", CLAIM),
    Faithful("exchange-from-to-kept", "origin and destination kept", LAWSUIT,
             "Shipments of steel from Brazil to Canada doubled last year."),
    Faithful("exchange-slots-kept", "the findings kept in their places, the sentence reordered", PIER,
             "On the old pier, inspectors found cracks in the deck and rust on the cables.", CLAIM),
    # cause
    Faithful("causal-side-by-side-kept", "two facts joined by 'and', no cause claimed", EXPORTS,
             "Exports fell sharply in the spring, and the currency strengthened against the dollar.", CLAIM),
    Faithful("causal-kept-reordered", "the stated cause put first", EXPORTS,
             "Because energy prices soared, factories cut output.", CLAIM),
    # attribution
    Faithful("attribution-kept-opposition", "the opposition leader's words given to her", BUDGET,
             "Maria Keller said this budget is a disaster for young families.", CLAIM),
    Faithful("attribution-role-and-name", "'Acme's director, Daniel Osei, said' as 'Acme's director said'",
             CHESS, "Acme's finance director has said the group prefers loyalty discounts.", CLAIM),
    Faithful("attribution-past-a-pronoun-kept", "words 'he' said credited to Gerard Vance", MINING,
             "Gerard Vance said that nobody lives down there.", CLAIM),
    Faithful("attribution-past-a-long-apposition-kept", "words 'she' said credited to the scientist", ORCHARD,
             "Ines Varga said blossom now opens two weeks earlier than it did.", CLAIM),
    Faithful("attribution-common-noun-speakers-kept", "the agents' warning given to them", WAGE,
             "Shipping agents have warned that the second rise could push small ferry lines out of the port.", CLAIM),
    Faithful("attribution-shared-title-kept", "the advice given to the doctor who gave it", CLINIC,
             "Dr Serra said owners should bring the animal's records.", CLAIM),
    Faithful("attribution-interview-answer", "an interview's answer credited to the interviewee, not to whom the "
             "question named", INTERVIEW,
             "Delgado said County Commissioner Leon Farris is right that the district has to justify every dollar.",
             CLAIM),
    Faithful("attribution-kept-minister", "the minister's words given to him", BUDGET,
             "Tom Berg said the plan would cut the deficit by half.", CLAIM),
    Faithful("hedge-belief-kept", "'expects' said as 'reckons'", CRUISE,
             "The authority reckons the measures will shrink the harbour's daily traffic by roughly a quarter.", CLAIM),
    # antonym and substitution
    Faithful("antonym-free-synonym", "'limited' as 'narrow'", FARM_LAW,
             "The new law gives the agency narrow powers to inspect farms."),
    Faithful("antonym-not-through-another-sense", "'an earlier model' as 'an older model'", TRIM_DIRECTIVE,
             "The directive does not cover the Teralis T-70, an older turboprop whose trim system is different.",
             CLAIM),
    Faithful("substitution-synonym", "'closed' as 'shut'", BRIDGE, "The bridge was shut for repairs on Monday."),
]  # fmt: skip


@pytest.mark.parametrize("case", CHANGES, ids=[c.id for c in CHANGES])
def test_a_change_of_meaning_is_distorted(case: Change) -> None:
    """Each case shows one kind of change (its id and `shows`): the verdict is distorted, an edit
    of that kind is reported, and the notes name both sides of it."""
    match = judge(case.page, case.text, case.kind)
    assert match.verdict is QuoteVerdict.DISTORTED, (case.shows, match)
    assert set(case.edit) & set(kinds(match)), (case.shows, match)
    notes = " | ".join(match.notes).lower()
    for side in case.sides:
        assert side.lower() in notes, (case.shows, side, match.notes)


@pytest.mark.parametrize("case", FAITHFUL, ids=[c.id for c in FAITHFUL])
def test_a_faithful_counterpart_is_supported(case: Faithful) -> None:
    """Each case is the faithful counterpart of a change (its id and `shows`): it stays supported."""
    match = judge(case.page, case.text, case.kind)
    assert match.verdict in SUPPORTED, (case.shows, match)


# ---------------------------------------------------------------- ellipses and brackets

RESERVOIR = (
    "The governor said the reservoir will not be drained before the summer. Engineers said the dam would fail "
    "only if heavy rain continued for weeks, and they expect a dry spring. The new spillway will probably open "
    "in 2027, the agency said. The repairs, which began in April after a long delay, will cost the state dearly. "
    "The fund must be spent on flood defences, drainage, river dredging and school repairs. Pumps will run at "
    "night where the river is high, and the works will end in May. We think part of the delay is that the "
    "contractor went bankrupt. The dam holds the valley's water, and its operator employs a few hundred people. "
    "\"Rents are the problem,\" the shop owner said. \"Until the rates come down, the street will keep losing "
    "tenants.\" Patching alone will not stop the leaks at the old dam. Up to 2 million people "
    "could lose a card or see their limit cut if the cap passed. A 35 percent cut in a single year would empty "
    "the reservoir. The levy will not, on its own, pay for the dam. Rain fell, and for the first time in weeks "
    "the river rose. The operator has hired divers, but it should have hired them sooner, after the first flood. "
    "The plant relied on temporary staff for 30 percent of its shifts last winter."
)

ELISIONS = [
    ("drops-not", "The governor said the reservoir will ... be drained before the summer.", "not"),
    ("drops-condition", "Engineers said the dam would fail ... and they expect a dry spring.", "only if heavy rain"),
    ("drops-hedge", "The new spillway will ... open in 2027", "probably"),
    ("drops-other-list-items", "The fund must be spent on ... school repairs.", "flood defences"),
    ("drops-restrictive-clause", "Pumps will run at night ... and the works will end in May.", "where the river"),
    ("drops-what-governs-the-start", "... the delay is that the contractor went bankrupt.", "part of"),
    ("drops-a-limit-in-time", "Rents are the problem ... the street will keep losing tenants.", "Until the rates"),
    ("drops-a-qualifier", "Patching ... will not stop the leaks at the old dam.", "alone"),
    ("drops-an-alternative", "Up to 2 million people could lose a card ... if the cap passed.", "or see their limit"),
    ("drops-a-measured-phrase", "A 35 percent cut ... would empty the reservoir.", "in a single year"),
    ("drops-on-its-own", "The levy will not ... pay for the dam.", "on its own"),
    ("drops-a-contrast", "The operator has hired divers ... after the first flood.", "but it should have"),
    ("drops-a-figure", "The plant relied on temporary staff for ... its shifts last winter.", "30 percent of"),
]


@pytest.mark.parametrize(("quote", "dropped"), [c[1:] for c in ELISIONS], ids=[c[0] for c in ELISIONS])
def test_an_ellipsis_that_drops_meaning_is_distorted(quote: str, dropped: str) -> None:
    """Ellipsis: the words left out carry a 'not', a condition or a hedge; the note names them."""
    match = judge(RESERVOIR, quote)
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert "elision" in kinds(match), match
    assert any(dropped in note for note in match.notes), match.notes


GROVE = (
    "We planted the new orchard in March, after the frost, on the slope above the river where the old vines "
    "stood until the blight. The grower said the blight had cost them a third of the old trees, and that the "
    "insurers paid for less than half of the loss. The cooperative lent the family two tractors and a sprayer "
    "for the season. Rain in July saved the wheat on the lower fields, but the barley was lost.\n\n"
    "\"Rain, if it comes, would save the harvest,\" the grower said. \"We do not spray the orchard in flower.\""
)


@pytest.mark.parametrize(
    ("quote", "dropped"),
    [("We ... spray the orchard in flower.", "do not"), ("Rain ... would save the harvest.", "if it comes")],
    ids=["a-not-after-a-word-said-earlier", "a-condition-after-a-word-said-earlier"],
)
def test_an_ellipsis_is_read_across_the_nearest_words(quote: str, dropped: str) -> None:
    """Ellipsis: the parts of a quote are placed as close together as the page allows, so the
    cut is the few words between them ('do not'), not everything from the page's first 'We'."""
    match = judge(GROVE, quote)
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert match.notes == (f"ellipsis drops meaning: quote nothing, source '{dropped}'",), match.notes


@pytest.mark.parametrize(
    "quote",
    [
        "The repairs ... will cost the state dearly.",
        "The repairs, which began in April [...] will cost the state dearly.",
        "The dam holds the valley's water ...",
        "The dam holds the valley's water ... its operator employs a few hundred people.",
        "Rain fell, and ... the river rose.",
    ],
    ids=["three-dots", "bracketed", "trailing-clause-with-a-quantifier", "coordinated-clause", "sentence-adverbial"],
)
def test_a_harmless_ellipsis_is_verbatim(quote: str) -> None:
    """Ellipsis: the words left out (a relative clause on when the repairs began) change nothing."""
    assert judge(RESERVOIR, quote).verdict is QuoteVerdict.VERBATIM


TRIAL = (
    "\"The effect is steady, it is largest exactly where you would expect it if the drug were the cause, and it "
    "held after we allowed for age and weight,\" she said. \"We see that as likely, but not certain, given the "
    "costs.\""
)


def test_less_than_a_figure_is_a_bound_not_a_direction() -> None:
    """'by less than one point' bounds the rise; it does not say the results went down."""
    page = (
        "Our exam results improved, but by less than one percentage point on the measures we track, well within "
        "normal year-to-year variation."
    )
    rose = "The school's exam results rose by under one percentage point, an improvement well within normal variation."
    fell = "The school's exam results fell by under one percentage point, a drop well within normal variation."
    assert "comparison" not in kinds(judge(page, rose, CLAIM))
    assert "comparison" in kinds(judge(page, fell, CLAIM))


def test_a_cut_clause_that_holds_its_own_condition_is_verbatim() -> None:
    """Ellipsis: a whole clause left out, closed by a comma before the cut, takes its own hedges and
    conditions with it; an operator that opens the words left out bears on what follows."""
    harmless = judge(TRIAL, "The effect is steady ... and it held after we allowed for age and weight.")
    assert harmless.verdict is QuoteVerdict.VERBATIM, harmless
    dropped = judge(TRIAL, "We see that as likely ... given the costs.")
    assert dropped.verdict is QuoteVerdict.DISTORTED, dropped
    assert any("not certain" in note for note in dropped.notes), dropped.notes


LEVY_COLUMN = (
    "Harrow & Vale Research | Metals note\n\nThe city's levy on empty homes is the third option. Its backers say it "
    "raises money and frees homes. Critics say it is hard to collect. Landlords call it a tax on bad luck. The "
    "council has not costed it. Few cities have tried it. Two that did dropped it. \"It is a good idea that will be "
    "sold as a great one,\" Ansell said. \"The sales tax is regressive. That isn't an opinion, it's the research,\" "
    "said Ansell, a fellow at the institute. \"If you want the poorest to pay least, neither is the tool.\" "
    "\"We would expect more cuts if prices stay low,\" the note says."
)


def test_a_cut_of_whole_sentences_and_a_pronoun_named_further_back_are_verbatim() -> None:
    """Ellipsis and brackets: a cut from one sentence into the next leaves out whole sentences (a
    negation in them bears on neither part); a bracket for 'it' may name what the page named a few
    sentences back; one for 'we' may name the page's author, in its head."""
    quote = "The sales tax is regressive. ... If you want the poorest to pay least, neither is the tool."
    cut = judge(LEVY_COLUMN, quote)
    assert cut.verdict is QuoteVerdict.VERBATIM, cut
    assert judge(LEVY_COLUMN, "[The levy on empty homes] is a good idea that will be sold as a great one").verdict is (
        QuoteVerdict.VERBATIM
    )
    assert judge(LEVY_COLUMN, "[Harrow & Vale] would expect more cuts if prices stay low.").verdict is (
        QuoteVerdict.VERBATIM
    )


FERRIES = (
    "Island ferry operators are losing money on their winter crossings. Fuel costs rose by a third last year. "
    "Crew wages went up in the spring. The port authority raised its berthing fees in June. Two routes to the "
    "northern islands now run only twice a week. \"By the time these firms cut their fares, the passengers had "
    "gone,\" said Ola Brandt, who runs the harbour cafe."
)


def test_a_bracket_for_a_demonstrative_may_name_what_the_page_is_about() -> None:
    """Bracket: 'these firms' refers back as a pronoun does; '[the ferry operators]' names what the
    page's opening sentence is about, five sentences before the quote."""
    quote = "By the time [the ferry operators] cut their fares, the passengers had gone."
    assert judge(FERRIES, quote).verdict is QuoteVerdict.VERBATIM
    assert judge(FERRIES, "By the time [the bus companies] cut their fares, the passengers had gone.").verdict is (
        QuoteVerdict.DISTORTED
    )


PENSIONS = (
    "Finance Minister Ana Duarte met union leaders on Monday. She said the pension age would stay at 65. "
    "Labour leader Paulo Reis said he would call a general strike."
)


@pytest.mark.parametrize("quote", ["[The minister] said the pension age would stay at 65.",
                                   "[Duarte] said the pension age would stay at 65."],
                         ids=["title", "surname"])  # fmt: skip
def test_a_bracket_naming_the_pronouns_referent_is_verbatim(quote: str) -> None:
    """Bracket: '[The minister]' stands for the source's 'She', who is the minister named just before."""
    match = judge(PENSIONS, quote)
    assert match.verdict is QuoteVerdict.VERBATIM, match
    assert match.evidence == "She said the pension age would stay at 65."


@pytest.mark.parametrize("quote", ["[Reis] said the pension age would stay at 65.",
                                   "[The labour leader] said the pension age would stay at 65."],
                         ids=["surname", "title"])  # fmt: skip
def test_a_bracket_naming_another_person_is_distorted(quote: str) -> None:
    """Bracket: the bracket names the labour leader (named on the page), but 'She' is the minister."""
    match = judge(PENSIONS, quote)
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert "elision" in kinds(match), match


# ---------------------------------------------------------------- coverage

SCHOOL = (
    "The city opened a new primary school in the north district in September. It has places for 400 pupils. "
    "Parents had campaigned for it for years."
)


@pytest.mark.parametrize(
    "claim",
    [
        "The city opened a new primary school in the north district in September, funded by a private bank.",
        "The city opened a new primary school in the north district in September with money from a private bank.",
    ],
    ids=["funded-by", "money-from"],
)
def test_a_claim_adding_a_fact_is_not_supported(claim: str) -> None:
    """Coverage: the claim adds who paid for the school, which the page never says."""
    match = judge(SCHOOL, claim, CLAIM)
    assert match.verdict in (QuoteVerdict.NOT_FOUND, QuoteVerdict.DISTORTED), match
    assert any("not on the page" in n or "words not in the source" in n for n in match.notes), match.notes
    assert any("bank" in n for n in match.notes), match.notes


@pytest.mark.parametrize(
    "claim",
    [
        "In September the city opened a primary school with room for 400 pupils in its north district.",
        "After years of campaigning by parents, a primary school for 400 pupils opened in the north district in "
        "September.",
    ],
    ids=["reordered", "three-sentences"],
)
def test_a_faithful_claim_is_a_paraphrase(claim: str) -> None:
    """Coverage: the claim rewords what the page says, nothing added."""
    assert judge(SCHOOL, claim, CLAIM).verdict is QuoteVerdict.PARAPHRASE


TOOLMAKERS = "Toolmakers in the United States, Europe and China sell tools; the West made them in America."


def test_a_country_the_page_never_names_is_not_supported() -> None:
    """Entity: a country that is nowhere on the page in place of those it names."""
    match = judge(TOOLMAKERS, "Toolmakers in India sell tools.", CLAIM)
    assert match.verdict not in SUPPORTED, match
    assert any("India" in n for n in match.notes), match.notes


@pytest.mark.parametrize(
    "claim",
    [
        "Toolmakers in the U.S. sell tools.",
        "American toolmakers sell tools.",
        "Chinese toolmakers sell tools.",
        "Western toolmakers sell tools.",
        "Toolmakers sell tools.",
        "Dan Wang argues that toolmakers in Europe sell tools.",
    ],
    ids=["abbreviation", "demonym-american", "demonym-chinese", "prefix-root", "sentence-start", "frame"],
)
def test_names_the_page_gives_in_another_form_are_on_the_page(claim: str) -> None:
    """Entity, faithful: a name written another way (abbreviation, demonym, 'Western' for 'the
    West'), a capital at the start of a sentence or a reporting frame's speaker is no new name."""
    assert judge(TOOLMAKERS, claim, CLAIM).verdict in SUPPORTED


WARDS = (
    "Gross domestic product grew 2 percent in the spring. The chief executive officer resigned in June. The board "
    "met twice."
)


def test_an_acronym_of_words_on_the_page_is_on_the_page() -> None:
    """Entity, faithful: 'GDP' for 'gross domestic product', 'CEO' for 'chief executive officer';
    an acronym the page's words do not spell is not on it."""
    assert judge(WARDS, "GDP grew 2 percent in the spring.", CLAIM).verdict in SUPPORTED
    assert judge(WARDS, "The CEO resigned in June.", CLAIM).verdict in SUPPORTED
    made_up = judge(WARDS, "ECB growth was 2 percent in the spring.", CLAIM)
    assert made_up.verdict is QuoteVerdict.NOT_FOUND, made_up
    assert any("ECB" in note for note in made_up.notes), made_up.notes


# ---------------------------------------------------------------- the seed cases (issue 3)

CLUSTERS = """Lessons from Shenzhen

For three decades, Beijing has lined up its spending on ports, power lines and factories so that each \
one strengthened the others.

To get similar results, the United States must build like China: copy parts of Beijing's way of organizing \
and mobilizing production, and put speed and agglomeration first. Washington needs an industrial policy \
with American characteristics."""

CLUSTER_QUOTE = (
    "To obtain results like China's, the United States has to build like China, imitate some of Beijing's methods "
    "of organizing and mobilizing production, and prioritize speed and industrial clustering. Washington needs a "
    "U.S.-style industrial policy."
)


def test_a_back_translated_quote_is_a_paraphrase() -> None:
    """Paraphrase (seed case): a quote translated and back, 'industrial clustering' for the
    original's 'agglomeration': the same facts in other words."""
    match = QuoteMatcher(embedder=shared_embedder()).match(CLUSTERS, CLUSTER_QUOTE, QUOTE)
    assert match.verdict is QuoteVerdict.PARAPHRASE, match
    assert match.evidence is not None
    assert "speed and agglomeration" in match.evidence


@pytest.mark.parametrize(
    "claim",
    [
        "Pazmo lost 3% in Lisbon on Tuesday, less than the 9% that Orlen Foods lost.",
        "On Tuesday Pazmo lost 3% in Lisbon, while Orlen Foods lost 9%.",
    ],
)
def test_items_crossing_in_a_rewording_of_its_own_trade_no_places(claim: str) -> None:
    """A statement in words the passage lacks puts the passage's items in an order of its own:
    the names and figures crossing over a shared word are no exchange (the swap test needs every
    word there), and with meaning consulted the rewording is supported."""
    assert "exchange" not in kinds(judge(SHARES, claim, CLAIM))
    assert QuoteMatcher(embedder=shared_embedder()).match(SHARES, claim, CLAIM).verdict in SUPPORTED
    swapped = judge(SHARES, "Orlen Foods lost 3% on Tuesday, while Pazmo's lost 9% in Lisbon.", CLAIM)
    assert "exchange" in kinds(swapped)


def test_a_vulgar_fraction_is_read_as_a_decimal() -> None:
    """'2½' is 2.5 (NFKC alone makes it '21⁄2', which reads as 21)."""
    assert [f.value for f in extract_figures("Rao won the final 2½-1½, and ¾ of the hall stayed.")] == [2.5, 1.5, 0.75]


FERRY_TERMINAL = (
    "The harbour board said on Tuesday that the ferry terminal will reopen in April. The repairs to its roof cost "
    "the board £1.2m, which came out of a maintenance budget that was already stretched."
)


def test_a_word_that_means_in_its_sentence_what_the_passage_says_is_covered() -> None:
    """Coverage by meaning in context: 'money that had to come from' for 'which came out of' (the
    word 'money' stands for the cost the passage's sentence names), while a claim that puts a new
    predicate in the same frame is not covered by it."""
    matcher = QuoteMatcher(embedder=shared_embedder())
    statement = (
        "Repairing the terminal's roof cost the board £1.2m, money that had to come from a budget already stretched."
    )
    faithful = matcher.match(FERRY_TERMINAL, statement, CLAIM)
    assert faithful.verdict is QuoteVerdict.PARAPHRASE, faithful
    assert not [e for e in faithful.edits if e.kind == "uncovered" and e.quote == "money"], faithful.edits
    invented = matcher.match(CRUISE, "The rules will be scrapped in two years' time.", CLAIM)
    assert invented.verdict is QuoteVerdict.NOT_FOUND, invented


def _reworded(coverage: float, synonyms: int) -> Judgement:
    edits = [Edit(EditKind.SYNONYM, f"word{n}", f"other{n}") for n in range(synonyms)]
    return Judgement([*edits, Edit(EditKind.UNCOVERED, "added", None)], coverage, ["added"], [])


def test_between_paraphrase_and_not_found_coverage_meaning_and_synonyms_are_weighed_together() -> None:
    """A reworded statement no edit settles: four fifths of its words on the page is not enough
    when its meaning drifts from the passage's and none of its words is a synonym of the
    passage's (a new statement made of the page's words), and enough when it means the same and
    says some of it in other words. Without a meaning score the coverage threshold decides."""
    limits = DEFAULT_CLAIM_THRESHOLDS
    faithful = decide(CLAIM, _reworded(0.8, synonyms=2), 0.5, 0.85, limits)
    assert faithful.verdict is QuoteVerdict.PARAPHRASE, faithful
    drifted = decide(CLAIM, _reworded(0.8, synonyms=0), 0.5, 0.6, limits)
    assert drifted.verdict is QuoteVerdict.NOT_FOUND, drifted
    assert drifted.notes == ("not on the page: added",)
    assert decide(CLAIM, _reworded(0.8, synonyms=0), 0.5, None, limits).verdict is QuoteVerdict.PARAPHRASE
    assert decide(CLAIM, _reworded(0.6, synonyms=0), 0.5, None, limits).verdict is QuoteVerdict.NOT_FOUND
    meaning_edit = _reworded(0.8, synonyms=2)
    meaning_edit.edits.append(Edit(EditKind.HEDGE, "will", "may", "hedge differs"))
    assert decide(CLAIM, meaning_edit, 0.5, 0.95, limits).verdict is QuoteVerdict.DISTORTED


def test_too_little_on_the_page_is_not_found_whatever_the_meaning_and_quotes_keep_the_thresholds() -> None:
    """The boundary weighs only a statement the passage covers enough of (two fifths of a claim
    with four synonyms and a close meaning is still not on the page), and only claims: a
    reworded quote with half its words on the page and a meaning far from the passage's is
    not_found, as the thresholds say."""
    scant = decide(CLAIM, _reworded(0.4, synonyms=4), 0.3, 0.7, DEFAULT_CLAIM_THRESHOLDS)
    assert scant.verdict is QuoteVerdict.NOT_FOUND, scant
    far = decide(QUOTE, _reworded(0.5, synonyms=1), 0.3, 0.25, DEFAULT_QUOTE_THRESHOLDS)
    assert far.verdict is QuoteVerdict.NOT_FOUND, far
    close = decide(QUOTE, _reworded(0.6, synonyms=0), 0.3, 0.8, DEFAULT_QUOTE_THRESHOLDS)
    assert close.verdict is QuoteVerdict.PARAPHRASE, close


def test_a_faithful_rewording_with_other_words_is_supported() -> None:
    """Paraphrase: 'Chinese-made ... cheaper' for 'made in China ... cost less'."""
    page = "Solar panels made in China cost up to 65 percent less than panels made in the United States and Europe."
    quote = "Chinese-made solar panels are up to 65% cheaper than those in the U.S. and Europe."
    match = QuoteMatcher(embedder=shared_embedder()).match(page, quote, CLAIM)
    assert match.verdict is QuoteVerdict.PARAPHRASE, match


SOLAR = (
    "Solar records\n\nLast year the country installed 280 gigawatts of new solar capacity, more than all of "
    "Europe has built in a decade.\n\nIts grid operator plans new lines to carry the power."
)


def test_a_ten_times_smaller_figure_is_distorted() -> None:
    """Figure (seed case): 28 gigawatts for the page's 280 gigawatts; the note names both."""
    claim = "Last year the country added about 28 gigawatts of solar capacity, more than Europe built in a decade."
    match = judge(SOLAR, claim, CLAIM)
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert "figure" in kinds(match)
    assert any("28 gigawatts" in n and "280 gigawatts" in n for n in match.notes), match.notes


# ---------------------------------------------------------------- bughunt-2026-11

MINISTER = """Minister defends solar push

The ministry said the country installed 280 gigawatts of new solar capacity last year, more than the rest of \
the world combined.

Panel prices fell by 30 percent during the year.

Analysts warn that curtailment rates have risen to 5 percent in the northwest provinces.

"We are not planning to slow down," said the minister, adding that grid upgrades will cost around 40 billion \
dollars over the next five years.

The minister declined to say whether coal plants would be closed."""

FABRICATED = [
    ("declined-to-say-as-said", "The minister said coal plants would be closed.", CLAIM),
    ("solar-as-wind", "The country installed 280 gigawatts of new wind capacity last year.", CLAIM),
    ("added-clause", "the country installed 280 gigawatts of new solar capacity last year, more than the rest of the "
     "world combined, a figure the ministry later admitted was inflated", QUOTE),
    ("year-as-decade", "Panel prices fell by 30 percent over the decade.", CLAIM),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind"), [c[1:] for c in FABRICATED], ids=[c[0] for c in FABRICATED])
def test_fabricated_claims_on_the_minister_page_are_not_supported(text: str, kind: QuoteKind) -> None:
    """bughunt-2026-11 #2: 'declined to say whether' turned into 'said' (negation), a changed noun
    (solar -> wind), a clause the source does not have, a changed time frame (year -> decade)."""
    match = judge(MINISTER, text, kind)
    assert match.verdict not in SUPPORTED, match


def test_an_added_not_is_distorted() -> None:
    """bughunt-2026-11 #22: a 'not' added to what analysts say has risen is a negation change."""
    match = judge(MINISTER, "Curtailment has not risen in the northwest.")
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert "negation" in kinds(match), match


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Night flights, most of them loud, aren't a recipe for quiet nights.", QuoteVerdict.NEAR_VERBATIM),
        ("Night flights, most of them loud, are a recipe for quiet nights.", QuoteVerdict.DISTORTED),
    ],
    ids=["contracted-after-a-comma", "not-dropped"],
)
def test_a_contracted_not_is_the_sources_not(quote: str, expected: QuoteVerdict) -> None:
    """'aren't' for 'are not' is a contraction, a harmless edit (also after a comma, where a bare
    'not' would be a contrast: "X, not Y"); without it the negation is dropped."""
    page = "Night flights, most of them loud, are not a recipe for quiet nights, the residents' group said."
    match = judge(page, quote)
    assert match.verdict is expected, match


@pytest.mark.parametrize(
    "quote",
    [
        "Grid upgrades will cost about 4 billion dollars over five years.",
        "Grid upgrades will cost around 40 million dollars.",
    ],
    ids=["4-billion", "40-million"],
)
def test_a_not_in_another_clause_gives_no_negation_note(quote: str) -> None:
    """bughunt-2026-11 #22: figure changed; the 'not' of the minister's other clause ('we are not
    planning to slow down') is no negation of the quoted words."""
    match = judge(MINISTER, quote)
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert "figure" in kinds(match)
    assert "negation" not in kinds(match), match
    assert not any("negation" in n for n in match.notes), match.notes


def test_a_decomposed_quote_is_verbatim() -> None:
    """bughunt-2026-11 #35: the same words, the quote in Unicode NFD and the page in NFC."""
    sentence = "Le café coûte désormais trois euros à la gare du Nord."
    page = "Prix en hausse\n\n" + unicodedata.normalize("NFC", sentence) + " Les voyageurs protestent."
    quote = unicodedata.normalize("NFD", sentence)
    assert quote != sentence
    match = judge(page, quote)
    assert match.verdict is QuoteVerdict.VERBATIM, match


def test_evidence_is_whole_sentences_not_cut_in_a_number() -> None:
    """bughunt-2026-11 #23: figure changed (2024 for 2023); the evidence shown is whole sentences
    of the page, and includes the year the note talks about."""
    page = (
        "Taxes and prices\n\nThe government presented its plan on Monday. Critics called it vague.\n\n"
        "He said: \u201cWe will not raise taxes on the middle class,\u201d and left.\n\nPrices rose 5% in 2023."
    )
    match = judge(page, "Prices rose 5% in 2024.", CLAIM)
    assert match.verdict is QuoteVerdict.DISTORTED, match
    assert match.evidence is not None
    sentences = [page[a:b] for a, b in split_sentences(page)]
    starts = [s for s in sentences if match.evidence.startswith(s)]
    ends = [s for s in sentences if match.evidence.endswith(s)]
    assert starts, match.evidence
    assert ends, match.evidence
    assert "5% in 2023" in match.evidence
    notes = " ".join(match.notes)
    assert "2024" in notes
    assert "2023" in notes


@pytest.mark.parametrize(
    ("text", "hedged"),
    [("Residents were likely to back the plan.", True), ("Residents were more likely to back the plan.", False)],
)
def test_more_likely_compares_two_groups_and_hedges_nothing(text: str, hedged: bool) -> None:
    """'more likely to back it than others' says who tends to, compared; 'likely to back it' hedges."""
    tokens = tokens_of(text)
    at = next(k for k, t in enumerate(tokens) if t.text == "likely")
    assert (operators.hedge_of(tokens, text, at) is not None) is hedged


@pytest.mark.parametrize("word", ["Whether", "Whichever", "Whilst", "Albeit", "Although"])
def test_a_function_word_opening_a_sentence_is_no_name(word: str) -> None:
    """WordNet does not know function words, so a capital at a sentence's start made 'Whether' a
    name, and a name in another's place an entity changed."""
    text = f"The routes get support. {word} that continues is a political decision."
    assert not any(t.name for t in tokens_of(text))


_SEEDED_JUDGE = """
from bench.quote_corpus import judge, load_corpus
from verifier.judge.matcher import QuoteMatcher
pairs = load_corpus(["dev"])
(pair,) = [p for p in pairs if p.page_id.startswith("de-01") and p.text.startswith("Government spokesman")]
match = judge(QuoteMatcher(semantic=False), pair)
print(match.verdict.value, match.score, match.notes, match.evidence)
"""


def test_the_verdict_does_not_depend_on_the_hash_seed() -> None:
    """Each process seeds str hashes at random (PYTHONHASHSEED): the page index summed and ranked
    a set of words in its iteration order, so passages that tied were chosen by the seed, and
    one statement came out not_found in one process and distorted in another."""
    root = Path(__file__).resolve().parent.parent
    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        done = subprocess.run(
            [sys.executable, "-c", _SEEDED_JUDGE], cwd=root, env=env, capture_output=True, text=True, timeout=120,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1, outputs
