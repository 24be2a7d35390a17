package normalize

// ethiopianMonths lists the names of the thirteen Ethiopian months: the
// Amharic spelling with its common letter variants (ኅዳር/ህዳር, ታኅሣሥ/ታህሳስ),
// the Tigrinya spelling, and the Latin transliterations seen in ledgers and
// travel documents (after the Ethiopian Calendar names in CLDR and the
// usual English forms). Each Ge'ez name is also found through both of its
// romanisations, so ጥቅምት matches "tikmit" and "teqmet" as well.
var ethiopianMonths = [13][]string{
	{"መስከረም", "meskerem", "meskarem", "maskaram", "meskerm", "mäskäräm", "meskerim"},
	{"ጥቅምት", "ጥቅምቲ", "tikimt", "tikemt", "tekemt", "tiqimt", "teqemt", "tikmt", "tikimit", "tiqemt", "teqemet"},
	{"ኅዳር", "ህዳር", "ሕዳር", "hidar", "hedar", "hidaar", "hdar", "khidar"},
	{"ታኅሣሥ", "ታህሳስ", "ታሕሳስ", "tahsas", "tahesas", "tahisas", "takhsas", "tahsass", "tahisass", "tahasas"},
	{"ጥር", "ጥሪ", "tir", "ter", "tirr", "terr", "tiri"},
	{"የካቲት", "ለካቲት", "yekatit", "yakatit", "yekkatit", "lekatit"},
	{"መጋቢት", "megabit", "magabit", "megabbit"},
	{"ሚያዝያ", "miyazya", "miazia", "miyazia", "miyaziya", "miyaza"},
	{"ግንቦት", "ginbot", "genbot", "guenbot", "gunbot", "gembot"},
	{"ሰኔ", "ሰነ", "sene", "senie", "sane", "senee"},
	{"ሐምሌ", "ሓምለ", "hamle", "hamlie", "hamile", "hamley", "hamele"},
	{"ነሐሴ", "ነሓሰ", "nehase", "nehasse", "nahase", "nehasie", "nahasse", "nehasie"},
	{"ጳጉሜ", "ጳጉሜን", "pagume", "pagumen", "paguemen", "phagume", "puagme", "pagumien"},
}
