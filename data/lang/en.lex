# accordiff language data: English. Format: README.md beside this file.

[commit]
agreed to
agree to
agreed on
agree on
committed to
commit to
commits to
are committed to
remain committed to
remained committed to
reaffirmed their commitment to
reaffirmed its commitment to
reiterated their commitment to
renewed their commitment to
pledged to
pledge to
pledged
decided to
decide to
resolved to
resolve to
undertook to
undertake to
announced
announce
will
shall
set out to
are determined to
remain determined to
determined to
remain ready to
stand ready to
remain committed to
we support
we firmly support
we strongly support
we fully support
we also support
we welcome and support
we continue to support
reaffirm our commitment to
reaffirm our * commitment to
reaffirming our commitment to
reaffirming our * commitment to
reiterate our commitment to
reaffirm our intention to
reiterate our intention to
reiterate our decision
ask our * ministers to
ask our ministers to
task our * ministers to
instruct our * ministers to
proposed to
proposed
approved
adopted
intend to
intends to

[future]

[future-not]

[not-commit]
demonstrated our resolve
our resolve to
evidence that
agreed that
agree that
as agreed
as previously agreed
was agreed
were agreed
been agreed
had agreed
has agreed that
will be recalled
it will be
there will be
noted that
recognized that
recognised that
stressed that
underlined that

[skip]
also
further
jointly
together
seek to
work to
to
*ly

[join]
and to
, and to
as well as
and will
, and

[lemma]
intensify and accelerate = intensify

[strength]
explore = 1
consider = 1
study = 1
assess = 1
evaluate = 1
examine = 1
review = 1
discuss = 1
look = 1
may = 1
might = 1
could = 1
promote = 2
continue = 2
maintain = 2
support = 2
pursue = 2
advance = 2
should = 2
strengthen = 3
intensify = 3
accelerate = 3
expand = 3
enhance = 3
increase = 3
double = 3
reinforce = 3
step = 3
establish = 4
implement = 4
install = 4
adopt = 4
create = 4
launch = 4
deploy = 4
build = 4
publish = 4
sign = 4
deliver = 4
train = 4
open = 4
set = 4

[month]
january = 1
jan = 1
february = 2
feb = 2
march = 3
april = 4
apr = 4
may = 5
june = 6
july = 7
august = 8
aug = 8
september = 9
sept = 9
sep = 9
october = 10
oct = 10
november = 11
nov = 11
december = 12
dec = 12

[period]
half
quarter
year
years
month
months
week
weeks
day
days
hour
hours
minutes
spring
summer
autumn
fall
winter

[number]
one = 1
two = 2
three = 3
four = 4
five = 5
six = 6
seven = 7
eight = 8
nine = 9
ten = 10
eleven = 11
twelve = 12
fifteen = 15
twenty = 20
thirty = 30
forty = 40
fifty = 50
hundred = 100
thousand = 1000
million = 1000000
double = 2
twice = 2
first = 1
second = 2
third = 3
fourth = 4

[place-before]
in
at
from
to
near
