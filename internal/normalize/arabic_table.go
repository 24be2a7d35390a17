package normalize

// arabicLetters is the plain-ASCII value of each Arabic letter, after the
// simplified ALA-LC / UNGEGN romanisation that Sudanese and Libyan names are
// usually written in (emphatics folded: ص→s, ض→d, ط→t, ظ→z; ع and hamza
// silent). و and ي are missing on purpose: they are w/y or u/i depending on
// their place (see arabicWord). Persian and Maghrebi extra letters are
// included because they turn up in names typed on those keyboards.
var arabicLetters = map[rune]string{
	'ا': "a", 'أ': "a", 'آ': "a", 'ٱ': "a", 'إ': "i",
	'ب': "b", 'ت': "t", 'ث': "th", 'ج': "j", 'ح': "h", 'خ': "kh",
	'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh",
	'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "", 'غ': "gh",
	'ف': "f", 'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n",
	'ه': "h", 'ة': "a", 'ى': "a", 'ء': "", 'ؤ': "", 'ئ': "",
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ڤ': "v",
	'ڨ': "g", 'ہ': "h", 'ۃ': "a", 'ھ': "h",
}

// arabicParticles are name particles written in Arabic script; they come out
// as the Latin particle so that NameKey drops them the same way.
var arabicParticles = map[string]string{
	"بن": "bin", "ابن": "ibn", "بنت": "bint", "ابو": "abu", "ال": "al",
	"حاج": "haji", "الحاج": "haji",
}

// ArabicNameEquivalents maps spellings of about fifty frequent Arabic given
// names, in Latin and in Arabic script, to one canonical lower-case Latin
// spelling. Compiled by hand for this project from the common spellings in
// Sudanese, Libyan, Egyptian, Chadian and Horn-of-Africa Muslim records
// (English, French and Italian transcriptions). Keys are matched after
// folding (case, diacritics, harakat, hamza seats; see ArabicCanonical).
// Abd-compounds are keyed in the joined form NameKey gives them
// ("abdelrahman"); their Arabic keys may be written with or without space.
var ArabicNameEquivalents = map[string]string{
	// Muhammad
	"mohammed": "mohammed", "muhammad": "mohammed", "mohamed": "mohammed",
	"mohamad": "mohammed", "muhammed": "mohammed", "mohammad": "mohammed",
	"mohamud": "mohammed", "mahamat": "mohammed", "mouhamed": "mohammed",
	"muhamad": "mohammed", "mohammod": "mohammed", "mehammed": "mohammed",
	"محمد": "mohammed",
	// Ahmad
	"ahmed": "ahmed", "ahmad": "ahmed", "ahmet": "ahmed", "ehmed": "ahmed",
	"أحمد": "ahmed",
	// Mahmud
	"mahmoud": "mahmoud", "mahmud": "mahmoud", "mahmood": "mahmoud",
	"محمود": "mahmoud",
	// Mustafa
	"mustafa": "mustafa", "mostafa": "mustafa", "moustafa": "mustafa",
	"mustapha": "mustafa", "mustefa": "mustafa", "مصطفى": "mustafa",
	// Uthman
	"osman": "osman", "othman": "osman", "uthman": "osman", "usman": "osman",
	"ousmane": "osman", "otman": "osman", "عثمان": "osman",
	// Abdallah
	"abdallah": "abdallah", "abdullah": "abdallah", "abdalla": "abdallah",
	"abdulla": "abdallah", "abdella": "abdallah", "abdellah": "abdallah",
	"abdullahi": "abdallah", "abdillahi": "abdallah", "عبدالله": "abdallah",
	// Abd al-Rahman
	"abdelrahman": "abdelrahman", "abdulrahman": "abdelrahman",
	"abdalrahman": "abdelrahman", "abdurrahman": "abdelrahman",
	"abderrahmane": "abdelrahman", "abderrahman": "abdelrahman",
	"abdirahman": "abdelrahman", "abdurahman": "abdelrahman",
	"abdrahman": "abdelrahman", "عبدالرحمن": "abdelrahman",
	// Abd al-Aziz
	"abdelaziz": "abdelaziz", "abdulaziz": "abdelaziz", "abdalaziz": "abdelaziz",
	"abdiaziz": "abdelaziz", "abdulazeez": "abdelaziz", "عبدالعزيز": "abdelaziz",
	// Abd al-Rahim
	"abdelrahim": "abdelrahim", "abdulrahim": "abdelrahim",
	"abdurrahim": "abdelrahim", "abderrahim": "abdelrahim",
	"abdirahim": "abdelrahim", "عبدالرحيم": "abdelrahim",
	// Abd al-Karim
	"abdelkarim": "abdelkarim", "abdulkarim": "abdelkarim",
	"abdelkareem": "abdelkarim", "abdulkareem": "abdelkarim",
	"abdikarim": "abdelkarim", "عبدالكريم": "abdelkarim",
	// Abd al-Qadir (Sudanese g for ق)
	"abdelkader": "abdelkader", "abdulqadir": "abdelkader",
	"abdelgadir": "abdelkader", "abdelqader": "abdelkader",
	"abdulkadir": "abdelkader", "abdikadir": "abdelkader",
	"عبدالقادر": "abdelkader",
	// Abd al-Salam
	"abdelsalam": "abdelsalam", "abdulsalam": "abdelsalam",
	"abdussalam": "abdelsalam", "abdesselam": "abdelsalam",
	"abdisalam": "abdelsalam", "عبدالسلام": "abdelsalam",
	// Walid
	"walid": "walid", "waleed": "walid", "oualid": "walid", "وليد": "walid",
	// Ibrahim
	"ibrahim": "ibrahim", "ebrahim": "ibrahim", "ibraheem": "ibrahim",
	"brahim": "ibrahim", "ibrahima": "ibrahim", "إبراهيم": "ibrahim",
	// Yusuf
	"yousef": "yousef", "yusuf": "yousef", "youssef": "yousef",
	"yousif": "yousef", "yusef": "yousef", "youssouf": "yousef",
	"yousuf": "yousef", "yossef": "yousef", "يوسف": "yousef",
	// Hasan
	"hassan": "hassan", "hasan": "hassan", "hasen": "hassan", "حسن": "hassan",
	// Husayn
	"hussein": "hussein", "husain": "hussein", "hussain": "hussein",
	"husein": "hussein", "hossein": "hussein", "hussien": "hussein",
	"husayn": "hussein", "houssein": "hussein", "حسين": "hussein",
	// Umar
	"omar": "omar", "umar": "omar", "omer": "omar", "oumar": "omar",
	"عمر": "omar",
	// Ali
	"ali": "ali", "aly": "ali", "alee": "ali", "علي": "ali",
	// Khalid
	"khalid": "khalid", "khaled": "khalid", "khaleed": "khalid",
	"halid": "khalid", "خالد": "khalid",
	// Salih
	"saleh": "saleh", "salih": "saleh", "salah": "salah", "صالح": "saleh",
	"صلاح": "salah", "salaheldin": "salaheldin", "salahuddin": "salaheldin",
	"صلاحالدين": "salaheldin",
	// Sulayman
	"suleiman": "suleiman", "sulaiman": "suleiman", "soliman": "suleiman",
	"sulayman": "suleiman", "suliman": "suleiman", "slimane": "suleiman",
	"suleyman": "suleiman", "سليمان": "suleiman",
	// Ismail
	"ismail": "ismail", "ismael": "ismail", "esmail": "ismail",
	"ismaeel": "ismail", "إسماعيل": "ismail",
	// Idris
	"idris": "idris", "idriss": "idris", "edris": "idris", "idrees": "idris",
	"endris": "idris", "إدريس": "idris",
	// Isa
	"issa": "issa", "isa": "issa", "eissa": "issa", "aissa": "issa",
	"عيسى": "issa",
	// Musa
	"musa": "musa", "moussa": "musa", "mousa": "musa", "mussa": "musa",
	"mosa": "musa", "موسى": "musa",
	// Adam
	"adam": "adam", "adem": "adam", "آدم": "adam",
	// Yahya
	"yahya": "yahya", "yahia": "yahya", "yehia": "yahya", "yahiya": "yahya",
	"يحيى": "yahya",
	// Yasin
	"yasin": "yasin", "yassin": "yasin", "yaseen": "yasin", "yassine": "yasin",
	"ياسين": "yasin",
	// Abu Bakr (one word; "Abu Bakr" in two words loses its particle)
	"abubakar": "abubakar", "abubaker": "abubakar", "aboubakar": "abubakar",
	"abubakr": "abubakar", "aboubacar": "abubakar", "ابوبكر": "abubakar",
	// Jamal (Egyptian and Sudanese g)
	"jamal": "jamal", "gamal": "jamal", "djamel": "jamal", "jamaal": "jamal",
	"جمال": "jamal",
	// Kamal
	"kamal": "kamal", "kemal": "kamal", "kamel": "kamal", "كمال": "kamal",
	// Jumaa
	"jumaa": "jumaa", "juma": "jumaa", "gomaa": "jumaa", "jumah": "jumaa",
	"jomaa": "jumaa", "جمعة": "jumaa",
	// Ramadan
	"ramadan": "ramadan", "ramadhan": "ramadan", "ramazan": "ramadan",
	"رمضان": "ramadan",
	// Salim / Salem
	"salem": "salem", "salim": "salem", "saleem": "salem", "سالم": "salem",
	"سليم": "salem",
	// Said
	"said": "said", "saeed": "said", "saied": "said",
	"saaid": "said", "سعيد": "said",
	// Fatima
	"fatima": "fatima", "fatma": "fatima", "fatimah": "fatima",
	"fatouma": "fatima", "فاطمة": "fatima",
	// Aisha
	"aisha": "aisha", "aicha": "aisha", "ayesha": "aisha", "aysha": "aisha",
	"aischa": "aisha", "عائشة": "aisha",
	// Nasir
	"nasser": "nasser", "nasir": "nasser", "naser": "nasser", "nacer": "nasser",
	"ناصر": "nasser",
	// Tariq
	"tariq": "tariq", "tarek": "tariq", "tarik": "tariq", "tareq": "tariq",
	"طارق": "tariq",
	// Faysal
	"faisal": "faisal", "faysal": "faisal", "feisal": "faisal",
	"fayssal": "faisal", "فيصل": "faisal",
	// Hamid
	"hamid": "hamid", "hamed": "hamid", "حامد": "hamid",
	// Hamza
	"hamza": "hamza", "hamzah": "hamza", "hamzeh": "hamza", "حمزة": "hamza",
	// Bashir
	"bashir": "bashir", "basheer": "bashir", "bachir": "bashir",
	"beshir": "bashir", "بشير": "bashir",
	// Majid
	"majid": "majid", "maged": "majid", "magid": "majid", "majed": "majid",
	"ماجد": "majid",
	// Usama
	"osama": "osama", "usama": "osama", "oussama": "osama", "أسامة": "osama",
	// Adil
	"adil": "adil", "adel": "adil", "عادل": "adil",
	// Ayyub
	"ayoub": "ayoub", "ayub": "ayoub", "ayyub": "ayoub", "ayoob": "ayoub",
	"أيوب": "ayoub",
	// Yunus
	"younis": "younis", "yunus": "younis", "younes": "younis",
	"yonis": "younis", "يونس": "younis",
	// Harun
	"haroun": "haroun", "harun": "haroun", "haroon": "haroun", "هارون": "haroun",
	// Mansur
	"mansour": "mansour", "mansur": "mansour", "mansoor": "mansour",
	"منصور": "mansour",
	// Mukhtar
	"mukhtar": "mukhtar", "mokhtar": "mukhtar", "moukhtar": "mukhtar",
	"مختار": "mukhtar",
	// Zakariya (kept apart from the Horn-of-Africa Zekarias on purpose)
	"zakaria": "zakaria", "zakariya": "zakaria", "zakariyya": "zakaria",
	"zakariah": "zakaria", "زكريا": "zakaria",
	// Nur
	"nour": "nour", "nur": "nour", "noor": "nour", "نور": "nour",
	// Abbas
	"abbas": "abbas", "abas": "abbas", "عباس": "abbas",
	// Hamdan, Hamad
	"hamad": "hamad", "hammad": "hamad", "حمد": "hamad",
	// Anwar
	"anwar": "anwar", "anouar": "anwar", "anwer": "anwar", "أنور": "anwar",
}
