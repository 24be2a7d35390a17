package samples

import "strings"

// country holds what a believable party from one country needs: mobile
// prefixes in E.164, the digits that follow, and cities as "Name:CODE" where
// CODE names the MTO agent location.
type country struct {
	prefixes []string
	digits   int
	cities   []string
}

var countries = map[string]country{
	"NL": {[]string{"+316"}, 8, []string{"Amsterdam:AMS", "Rotterdam:RTM", "The Hague:HAG", "Utrecht:UTR", "Zwolle:ZWO", "Eindhoven:EIN"}},
	"SE": {[]string{"+4670", "+4672", "+4673", "+4676"}, 7, []string{"Stockholm:STO", "Gothenburg:GOT", "Malmö:MMX", "Uppsala:UPP"}},
	"DE": {[]string{"+49151", "+49152", "+49157", "+49160", "+49170", "+49176", "+49178"}, 8, []string{"Frankfurt:FRA", "Munich:MUC", "Berlin:BER", "Hamburg:HAM", "Cologne:CGN", "Stuttgart:STR"}},
	"NO": {[]string{"+474", "+479"}, 7, []string{"Oslo:OSL", "Bergen:BGO", "Trondheim:TRD", "Stavanger:SVG"}},
	"GB": {[]string{"+4474", "+4475", "+4477", "+4478", "+4479"}, 8, []string{"London:LON", "Birmingham:BHX", "Leeds:LBA", "Manchester:MAN"}},
	"US": {[]string{"+1202", "+1206", "+1612", "+1571", "+1510", "+1214", "+1404"}, 7, []string{"Washington:WAS", "Seattle:SEA", "Minneapolis:MSP", "Oakland:OAK", "Dallas:DFW", "Atlanta:ATL"}},
	"CA": {[]string{"+1416", "+1647", "+1613", "+1403", "+1780", "+1204"}, 7, []string{"Toronto:YYZ", "Calgary:YYC", "Edmonton:YEG", "Winnipeg:YWG", "Ottawa:YOW"}},
	"IL": {[]string{"+97250", "+97252", "+97253", "+97254", "+97258"}, 7, []string{"Tel Aviv:TLV", "Jerusalem:JRS", "Eilat:ETH"}},
	"SD": {[]string{"+24990", "+24991", "+24992", "+24996", "+24999"}, 7, []string{"Khartoum:KRT", "Omdurman:OMD", "Kassala:KSL", "Port Sudan:PZU"}},
	"AE": {[]string{"+97150", "+97152", "+97154", "+97155", "+97156", "+97158"}, 7, []string{"Dubai:DXB", "Sharjah:SHJ", "Abu Dhabi:AUH"}},
	"ET": {[]string{"+25191", "+25192", "+25193", "+25194"}, 7, []string{"Addis Ababa:ADD", "Mekelle:MQX", "Gondar:GDQ"}},
	"EG": {[]string{"+2010", "+2011", "+2012", "+2015"}, 8, []string{"Cairo:CAI", "Alexandria:ALY", "Aswan:ASW"}},
	"UG": {[]string{"+25670", "+25675", "+25676", "+25677", "+25678"}, 7, []string{"Kampala:KLA", "Entebbe:EBB"}},
	"LY": {[]string{"+21891", "+21892", "+21894"}, 7, []string{"Tripoli:TIP", "Bani Walid:BWD", "Kufra:AKF", "Sabha:SEB"}},
}

var (
	diasporaISO = []string{"NL", "SE", "DE", "NO", "GB", "US", "CA", "IL"}
	// Repeats weight the draw.
	diaspora = []string{"NL", "NL", "NL", "SE", "SE", "SE", "DE", "DE", "DE", "NO", "NO", "GB", "GB", "GB", "US", "US", "US", "CA", "CA", "IL"}
	home     = []string{"ET", "ET", "ET", "ET", "SD", "SD", "SD", "UG", "UG", "EG", "EG", "AE", "LY"}
	hubs     = []string{"SD", "AE", "ET", "EG", "UG"}

	// Share of Eritrean/Ethiopian names per country, in percent; 75 elsewhere.
	habeshaPct = map[string]int{"ET": 100, "UG": 80, "AE": 50, "SD": 40, "EG": 40, "LY": 30}

	habeshaMale = strings.Fields(`Habtemariam Tesfay Yonas Dawit Haile Mehari Tekle Berhane Amanuel Yohannes Samuel
		Filmon Kibrom Mulugeta Habtom Goitom Afewerki Tesfamariam Michael Efrem Biniam Aron Natnael
		Isaias Solomon Yemane Zerai Weldu Asmerom Kahsay Abraham Daniel Henok Mussie Robel Siem
		Teklu Okbay Fitsum Girmay Abel Ermias Tewelde Gebremedhin Hagos Berhe Tsegay Negash
		Woldemichael Gebreyesus Habte Andemariam Medhanie Kidane Ghirmay Tesfu Debesay`)
	habeshaFemale = strings.Fields(`Senait Helen Selam Hiwet Lidia Saba Mebrat Freweini Rahel Tsega
		Winta Yordanos Ruta Semhar Eden Mihret Feven Luwam Danait Azeb Almaz Tirhas Elsa Abeba
		Meron Bisrat Nardos Hanna Sara Mahlet`)
	arabicMale = strings.Fields(`Mohamed Ahmed Osman Ali Ibrahim Abdelrahman Omar Yousif Hassan
		Hussein Khalid Mustafa Adam Ismail Salih Abdallah Idris Babiker Hamid Suleiman Tarig
		Elfatih Jamal Nasr Faisal Musa Abubakar Elsadig Mahmoud Said Khalifa Ramadan Faraj
		Abdulsalam Nuri Salem Miloud Emhemed Younis Bashir`)
	arabicFemale = strings.Fields(`Fatima Amna Mariam Hawa Aisha Zainab Khadija Safa Huda Nour Salma
		Rania Samira Asma`)

	// Given names with a common second spelling, for strong aliases.
	habeshaVariants = []string{"Tesfay:Tesfaye", "Yohannes:Johannes", "Mehari:Mihari", "Tekle:Teklay",
		"Berhane:Birhane", "Kahsay:Kasay", "Habtom:Habtoum", "Mulugeta:Mulughetta", "Tsegay:Tsegai"}
	arabicVariants = []string{"Mohamed:Mohammed", "Osman:Othman", "Yousif:Youssef",
		"Abdelrahman:Abdulrahman", "Ibrahim:Ebrahim", "Mustafa:Moustafa", "Hussein:Hussain"}

	// Compound names a record may split (Habte Mariam for Habtemariam);
	// HVTs' grandfathers are drawn from them.
	habeshaCompounds = []string{"Habtemariam", "Tesfamariam", "Gebremedhin", "Woldemichael", "Gebreyesus", "Andemariam"}
	arabicCompounds  = []string{"Abdelrahman", "Abdallah", "Abdulsalam"}
	splitNames       = map[string]string{"Habtemariam": "Habte Mariam", "Tesfamariam": "Tesfa Mariam", "Gebremedhin": "Gebre Medhin",
		"Woldemichael": "Wolde Michael", "Gebreyesus": "Gebre Yesus", "Andemariam": "Ande Mariam",
		"Abdelrahman": "Abdel Rahman", "Abdallah": "Abd Allah", "Abdulsalam": "Abdul Salam"}
	// arabicScript writes the Arabic given names as a Libyan or Sudanese
	// clerk would.
	arabicScript = map[string]string{
		"Mohamed": "محمد", "Mohammed": "محمد", "Ahmed": "أحمد", "Osman": "عثمان", "Othman": "عثمان", "Ali": "علي",
		"Ibrahim": "إبراهيم", "Ebrahim": "إبراهيم", "Abdelrahman": "عبدالرحمن", "Abdulrahman": "عبدالرحمن", "Omar": "عمر",
		"Yousif": "يوسف", "Youssef": "يوسف", "Hassan": "حسن", "Hussein": "حسين", "Hussain": "حسين", "Khalid": "خالد",
		"Mustafa": "مصطفى", "Moustafa": "مصطفى", "Adam": "آدم", "Ismail": "إسماعيل", "Salih": "صالح", "Abdallah": "عبدالله",
		"Idris": "إدريس", "Babiker": "بابكر", "Hamid": "حامد", "Suleiman": "سليمان", "Tarig": "طارق", "Elfatih": "الفاتح",
		"Jamal": "جمال", "Nasr": "نصر", "Faisal": "فيصل", "Musa": "موسى", "Abubakar": "أبوبكر", "Elsadig": "الصادق",
		"Mahmoud": "محمود", "Said": "سعيد", "Khalifa": "خليفة", "Ramadan": "رمضان", "Faraj": "فرج",
		"Abdulsalam": "عبدالسلام", "Nuri": "نوري", "Salem": "سالم", "Miloud": "ميلود", "Emhemed": "امحمد",
		"Younis": "يونس", "Bashir": "بشير",
	}

	brokerNames = []string{"Hagos Money Transfer", "Dubai Star Hawala", "Red Sea Exchange",
		"Asmara Express", "Nile Transfer Services", "Sahel Hawala", "Blue Nile Money", "Keren Trading",
		"Massawa Link", "Tana Express", "Al Amal Exchange", "Kassala Hawala", "Omdurman Trust Exchange",
		"Barka Transfer"}

	mtoMessages    = []string{"family support", "school fees", "rent"}
	hawalaNotes    = []string{"family", "school fees", "Eid", "medical"}
	passOnNotes    = []string{"trade goods", "car parts", "phones"}
	hvtSpecs       = []struct{ nat, iso, born string }{{"ER", "AE", "1984"}, {"LY", "LY", "1979"}, {"ET", "SD", "1988"}}
	mtoHeader      = strings.Split("MTCN,Date,Sender Name,Sender Phone,Sender Country,Sender City,Receiver Name,Receiver Phone,Receiver Country,Receiver City,Amount,Currency,Sending Agent,Paying Agent,Message", ",")
	ledgerHeader   = strings.Split("Date|Ref|Sender|Sender Phone|Sender City|Hawaladar|Amount USD|Payee|Payee Phone|Payee City|Note", "|")
	casesHeader    = []string{"case_id", "role", "source_file", "source_sheet", "source_row", "reference"}
	hvtTruthHeader = []string{"hvt_id", "name", "phone"}
	collHeader     = []string{"case_id", "collector_name", "collector_phone", "hvt_id"}
	// Innocent people whose names nearly match an HVT's, for false-link rates.
	namesakeHeader = []string{"name", "phone", "like_hvt_id"}
	// Each HVT's id on the other lists it is on (the UN excerpt).
	hvtListHeader = []string{"hvt_id", "list", "list_id"}
	// Intermediaries between a case's collector and its HVT.
	layerHeader = []string{"case_id", "intermediary_name", "intermediary_phone", "hvt_id"}
	// Captives sold on: the later case and the one whose family paid first.
	resaleHeader = []string{"case_id", "resold_from"}
)

// The sources beyond the first MTO export and the first ledger.
var (
	// A second MTO's export saved by Excel as "Unicode Text": every header
	// here is one of ingest's synonyms, first and last names are joined.
	mto2Header = strings.Split("Transaction ID|Send Date|Time|Sender First Name|Sender Last Name|Sender Mobile|Origin Country|Origin City|"+
		"Receiver First Name|Receiver Last Name|Receiver Mobile|Destination Country|Payout City|Send Amount|Send Currency|Agent ID|Payout Agent|Purpose", "|")
	// The second MTO serves Europe only; each sender pays in the local currency.
	europe      = []string{"NL", "NL", "SE", "SE", "SE", "DE", "DE", "NO", "NO", "GB", "GB", "GB"}
	localCur    = map[string]string{"NL": "EUR", "DE": "EUR", "SE": "SEK", "NO": "NOK", "GB": "GBP"}
	countryName = map[string]string{"NL": "Netherlands", "SE": "Sweden", "DE": "Germany", "NO": "Norway", "GB": "United Kingdom",
		"US": "United States", "CA": "Canada", "IL": "Israel", "SD": "Sudan", "AE": "United Arab Emirates", "ET": "Ethiopia",
		"EG": "Egypt", "UG": "Uganda", "LY": "Libya", "ER": "Eritrea"}

	// The Addis Ababa broker's book: a title row, then this header.
	addisBroker = "Selam Hawala Addis Ababa"
	addisHeader = []string{"Date (E.C.)", "Sender", "Sender Phone", "Payee", "Payee Phone", "Amount ETB", "Rate", "USD", "Hawaladar", "Receipt No"}
	// Latin spellings of the Ethiopian months, for sheet names.
	ethiopianMonths = strings.Fields("Meskerem Tikimt Hidar Tahsas Tir Yekatit Megabit Miyazya Ginbot Sene Hamle Nehase Pagume")
	// geez writes given names as an Addis clerk would. One script form per
	// Latin spelling, and no two spellings share one, so a name written in
	// Ge'ez still names one person.
	geez = map[string]string{
		"Tesfay": "ተስፋይ", "Yonas": "ዮናስ", "Dawit": "ዳዊት", "Haile": "ሃይለ", "Mehari": "መሓሪ", "Tekle": "ተኽለ",
		"Berhane": "ብርሃነ", "Amanuel": "ኣማኑኤል", "Yohannes": "ዮሃንስ", "Samuel": "ሳሙኤል", "Filmon": "ፊልሞን",
		"Kibrom": "ክብሮም", "Mulugeta": "ሙሉጌታ", "Habtom": "ሃብቶም", "Goitom": "ጎይቶም", "Michael": "ሚካኤል",
		"Efrem": "ኤፍሬም", "Solomon": "ሰሎሞን", "Yemane": "የማነ", "Kahsay": "ካሕሳይ", "Abraham": "ኣብርሃም",
		"Daniel": "ዳንኤል", "Henok": "ሄኖክ", "Robel": "ሮቤል", "Fitsum": "ፍጹም", "Girmay": "ግርማይ",
		"Tewelde": "ተወልደ", "Gebremedhin": "ገብረመድህን", "Hagos": "ሓጎስ", "Berhe": "በርሀ", "Tsegay": "ጸጋይ",
		"Negash": "ነጋሽ", "Habte": "ሃብተ", "Kidane": "ኪዳነ", "Tesfu": "ተስፉ", "Debesay": "ደበሳይ",
		"Senait": "ሰናይት", "Selam": "ሰላም", "Hiwet": "ሕይወት", "Saba": "ሳባ", "Mebrat": "መብራት", "Rahel": "ራሄል",
		"Winta": "ዊንታ", "Yordanos": "ዮርዳኖስ", "Mihret": "ምሕረት", "Luwam": "ሉዋም", "Azeb": "ኣዜብ",
		"Almaz": "ኣልማዝ", "Tirhas": "ትርሓስ", "Abeba": "ኣበባ", "Meron": "ሜሮን", "Mahlet": "ማህሌት",
		"Habtemariam": "ሃብተማርያም", "Tesfamariam": "ተስፋማርያም", "Woldemichael": "ወልደሚካኤል", "Gebreyesus": "ገብረየሱስ",
		"Andemariam": "ኣንደማርያም", "Afewerki": "ኣፈወርቂ", "Biniam": "ቢንያም", "Natnael": "ናትናኤል", "Isaias": "ኢሳይያስ",
		"Zerai": "ዘርኣይ", "Weldu": "ወልዱ", "Asmerom": "ኣስመሮም", "Mussie": "ሙሴ", "Teklu": "ተኽሉ", "Okbay": "ዑቕባይ",
		"Ermias": "ኤርምያስ", "Medhanie": "መድሃኔ", "Tesfaye": "ተስፋየ", "Johannes": "ዮሃንስ", "Mihari": "ምሓሪ",
		"Teklay": "ተኽላይ", "Birhane": "ቢርሃነ", "Kasay": "ካሳይ", "Habtoum": "ሃብቱም", "Mulughetta": "ሙሉገታ", "Tsegai": "ጸጋኣይ",
	}

	// Dutch bank statements: an ING-style CSV and an MT940 file.
	bankHeader = []string{"Datum", "Naam / Omschrijving", "Rekening", "Tegenrekening", "Code", "Af Bij", "Bedrag (EUR)", "Mutatiesoort", "Mededelingen"}
	// Bank codes with the BIC that goes with them.
	nlBanks   = []string{"INGB:INGBNL2A", "ABNA:ABNANL2A", "RABO:RABONL2U", "SNSB:SNSBNL2A", "TRIO:TRIONL2U", "ASNB:ASNBNL21", "BUNQ:BUNQNL2A"}
	employers = []string{"Stichting Isala Klinieken", "PostNL Pakketten Benelux BV", "Albert Heijn BV Distributiecentrum",
		"Gemeente Zwolle", "Schoonmaakbedrijf De Ster BV", "Randstad Uitzendbureau BV", "Tempo-Team Uitzenddiensten BV",
		"Bol.com BV", "Zorggroep Sint Maarten", "Hotel Okura Amsterdam BV"}
	landlords    = []string{"Stichting deltaWonen", "Woonstichting De Key", "Stichting Ymere", "Woonbedrijf ieder1", "Vestia Rotterdam"}
	insurers     = []string{"Zilveren Kruis Zorgverzekeringen NV", "CZ Zorgverzekeringen", "VGZ Zorgverzekeraar NV", "Menzis Zorgverzekeraar NV"}
	utilities    = []string{"Vattenfall Klantenservice NV", "Eneco Consumenten BV", "Essent Retail Energie BV"}
	telecoms     = []string{"Odido Netherlands BV", "KPN BV", "Vodafone Libertel BV", "Lebara Mobile BV"}
	shops        = []string{"Albert Heijn 1403", "Jumbo Supermarkten", "Lidl", "Aldi", "Action", "Kruidvat", "HEMA", "Dirk van den Broek", "Habesha Market"}
	bankPurposes = []string{"familie hulp", "voor moeder", "schuld terug", "lening", "gift"}

	// fxAnchors are usd_per_unit at 2025-01-01, 2025-07-01 and 2026-01-01,
	// in units of 1e-8, equal to ingest's built-in anchors so that the
	// samples convert alike with and without fx/rates.csv; ETB is given as
	// birr per US dollar in hundredths, as brokers quote it.
	fxAnchors = map[string][3]int64{
		"EUR": {103000000, 117000000, 117000000},
		"GBP": {125000000, 136000000, 134000000},
		"SEK": {9100000, 10500000, 10800000},
		"NOK": {8800000, 9900000, 9900000},
	}
	birrAnchors = [3]int64{12500, 13700, 15150}
	fxHeader    = []string{"currency", "day", "usd_per_unit"}
)

var dutchMonths = strings.Fields("januari februari maart april mei juni juli augustus september oktober november december")
