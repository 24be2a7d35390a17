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

	habeshaMale = strings.Fields(`Tesfay Yonas Dawit Haile Mehari Tekle Berhane Amanuel Yohannes Samuel
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
)
