package assets

import "govbuy"

// demoUnits are the 61 administrative and public units that bought services.
var demoUnits = []string{
	"云溪区委办公室", "云溪区人大常委会办公室", "云溪区人民政府办公室", "云溪区政协办公室",
	"云溪区纪委监委机关", "云溪区委组织部", "云溪区委宣传部", "云溪区委统战部",
	"云溪区委政法委员会", "云溪区委机构编制委员会办公室", "云溪区发展和改革局", "云溪区教育局",
	"云溪区科学技术和工业信息化局", "云溪区民政局", "云溪区司法局", "云溪区财政局",
	"云溪区人力资源和社会保障局", "云溪区自然资源局", "云溪区住房和城乡建设局", "云溪区交通运输局",
	"云溪区农业农村局", "云溪区水利局", "云溪区商务局", "云溪区文化和旅游局",
	"云溪区卫生健康局", "云溪区退役军人事务局", "云溪区应急管理局", "云溪区审计局",
	"云溪区市场监督管理局", "云溪区统计局", "云溪区医疗保障局", "云溪区城市管理综合执法局",
	"云溪区信访局", "云溪区机关事务管理局", "云溪区行政审批服务局", "云溪区林业局",
	"云溪区人民法院", "云溪区人民检察院", "云溪区总工会", "共青团云溪区委员会",
	"云溪区妇女联合会", "云溪区残疾人联合会", "云溪区科学技术协会", "云溪区档案馆",
	"云溪区融媒体中心", "云溪区疾病预防控制中心", "云溪区妇幼保健计划生育服务中心", "云溪区公路事业发展中心",
	"云溪区园林绿化服务中心", "云溪区市政设施管理所", "云溪区社会保险事业管理中心", "云溪区不动产登记中心",
	"云溪区政务服务中心", "云溪区东城街道办事处", "云溪区西城街道办事处", "云溪区南湖街道办事处",
	"云溪区北山街道办事处", "云溪区青石镇人民政府", "云溪区白水镇人民政府", "云溪区柳河乡人民政府",
	"云溪区龙泉镇人民政府",
}

// Indexes of demoUnits, named where contracts refer to them.
const (
	uPartyOffice = iota
	uCongressOffice
	uGovOffice
	uCPPCCOffice
	uDiscipline
	uOrganisation
	uPublicity
	uUnitedFront
	uPoliticalLegal
	uEstablishment
	uDevelopment
	uEducation
	uIndustry
	uCivilAffairs
	uJustice
	uFinance
	uHumanResources
	uNaturalResources
	uHousing
	uTransport
	uAgriculture
	uWater
	uCommerce
	uCulture
	uHealth
	uVeterans
	uEmergency
	uAudit
	uMarket
	uStatistics
	uMedicalInsurance
	uCityManagement
	uPetitions
	uGovAffairs
	uApproval
	uForestry
	uCourt
	uProcuratorate
	uTradeUnion
	uYouthLeague
	uWomen
	uDisabled
	uScience
	uArchives
	uMedia
	uCDC
	uMaternal
	uRoads
	uParks
	uMunicipal
	uSocialInsurance
	uRealEstate
	uServiceCentre
	uDongcheng
	uXicheng
	uNanhu
	uBeishan
	uQingshi
	uBaishui
	uLiuhe
	uLongquan
)

// demoContractors are the enterprises, social organisations, collectives and
// individuals the district bought from.
var demoContractors = []demoContractor{
	{name: "云溪区青石镇农村集体经济联合社", typ: govbuy.TypeRuralCollective, rep: "陈德明"},
	{name: "云溪区阳光社会工作服务中心", typ: govbuy.TypeSocialOrg, rep: "刘晓燕"},
	{name: "云溪区城市管理服务有限公司", typ: govbuy.TypeEnterprise, rep: "周建平"},
	{name: "四川云溪人力资源服务有限公司", typ: govbuy.TypeEnterprise, rep: "黄志强"},
	{name: "云溪区睿博劳务派遣有限公司", typ: govbuy.TypeEnterprise, rep: "吴国庆"},
	{name: "云溪区心连心社会工作服务中心", typ: govbuy.TypeSocialOrg, rep: "杨丽萍"},
	{name: "云溪区志愿者协会", typ: govbuy.TypeSocialOrg, rep: "郑小兰"},
	{name: "云溪区人民调解协会", typ: govbuy.TypeSocialOrg, rep: "孙永和"},
	{name: "张明华", typ: govbuy.TypeIndividual},
	{name: "李秀英", typ: govbuy.TypeIndividual},
	{name: "王建国", typ: govbuy.TypeIndividual},
	{name: "云溪路桥养护工程有限公司", typ: govbuy.TypeEnterprise, rep: "马国栋", quals: []govbuy.Qualification{qual("公路养护工程施工资质", "甲级", 2027)}},
	{name: "四川蜀通公路养护有限公司", typ: govbuy.TypeEnterprise, rep: "冯志远", quals: []govbuy.Qualification{qual("公路养护工程施工资质", "乙级", 2026)}},
	{name: "云溪区交建养护有限责任公司", typ: govbuy.TypeEnterprise, rep: "罗文斌", quals: []govbuy.Qualification{qual("公路养护工程施工资质", "乙级", 2025)}},
	{name: "云溪绿源园林工程有限公司", typ: govbuy.TypeEnterprise, rep: "何春生", quals: []govbuy.Qualification{qual("城市园林绿化企业资质", "二级", 2026)}},
	{name: "四川锦城园林绿化有限公司", typ: govbuy.TypeEnterprise, rep: "高雪梅", quals: []govbuy.Qualification{qual("城市园林绿化企业资质", "一级", 2027)}},
	{name: "云溪区青山绿化工程有限公司", typ: govbuy.TypeEnterprise, rep: "林海涛", quals: []govbuy.Qualification{qual("城市园林绿化企业资质", "三级", 2026)}},
	{name: "蜀南景观园林有限公司", typ: govbuy.TypeEnterprise, rep: "谢云飞", quals: []govbuy.Qualification{qual("城市园林绿化企业资质", "三级", 2025)}},
	{name: "云溪区市政工程养护有限公司", typ: govbuy.TypeEnterprise, rep: "唐振华", quals: []govbuy.Qualification{qual("市政公用工程施工总承包资质", "三级", 2026)}},
	{name: "四川正衡工程造价咨询有限公司", typ: govbuy.TypeEnterprise, rep: "许立新", quals: []govbuy.Qualification{qual("工程造价咨询企业资质", "甲级", 2027)}},
	{name: "四川康诺医学检验所有限公司", typ: govbuy.TypeEnterprise, rep: "韩静", quals: []govbuy.Qualification{licence("医疗机构执业许可证", "云溪区卫生健康局")}},
	{name: "四川云法律师事务所", typ: govbuy.TypeEnterprise, rep: "曹文杰", quals: []govbuy.Qualification{licence("律师事务所执业许可证", "四川省司法厅")}},
	{name: "云溪区颐康养老服务中心", typ: govbuy.TypeSocialOrg, rep: "邓秀兰"},
	{name: "云溪区安居物业管理有限公司", typ: govbuy.TypeEnterprise, rep: "彭建军"},
	{name: "云溪区环境卫生服务有限公司", typ: govbuy.TypeEnterprise, rep: "曾凡荣"},
	{name: "云溪信息技术有限公司", typ: govbuy.TypeEnterprise, rep: "萧俊"},
	{name: "云溪区川韵文化艺术团", typ: govbuy.TypeSocialOrg, rep: "田丽"},
	{name: "四川天平会计师事务所有限公司", typ: govbuy.TypeEnterprise, rep: "董明"},
	{name: "云溪区卫康病媒生物防制有限公司", typ: govbuy.TypeEnterprise, rep: "袁斌"},
	{name: "云溪区龙泉镇龙泉村民委员会", typ: govbuy.TypeGrassroots, rep: "蒋大勇"},
	{name: "赵丽", typ: govbuy.TypeIndividual},
	{name: "云溪区职业技能培训学校", typ: govbuy.TypePublicClass2, rep: "潘国华"},
}

// Indexes of demoContractors.
const (
	cCollective = iota
	cSunshine
	cCityServices
	cHR
	cDispatch
	cHeart
	cVolunteers
	cMediation
	cZhang
	cLi
	cWang
	cRoad1
	cRoad2
	cRoad3
	cGreen1
	cGreen2
	cGreen3
	cGreen4
	cMunicipal
	cCostAudit
	cLab
	cLaw
	cElderly
	cProperty
	cSanitation
	cIT
	cArts
	cAccounting
	cPests
	cVillage
	cZhao
	cTraining
)

func post(title string, unit, contractor int, catalog string, method govbuy.Method, headcount int, monthly int64, score govbuy.Score) demoContract {
	return demoContract{
		title: title, unit: unit, contractor: contractor, kind: govbuy.KindPost, catalog: catalog,
		method: method, headcount: headcount, monthly: monthly, plan: postPlan, scores: sc(score),
		feeBasis: "按岗位月薪标准" + govbuy.Yuan(monthly).String() + "元/人·月×人数×12个月核定（含社会保险和管理费）",
	}
}

// priced names the fee standard that prices a contract, with the quantity
// or base (in yuan) it charges on.
func priced(d demoContract, standard string, quantity, baseYuan int64) demoContract {
	d.feeStandard, d.feeQuantity, d.feeBase = standard, quantity, baseYuan
	return d
}

func project(title string, unit, contractor int, catalog string, method govbuy.Method, amount int64, feeBasis string, plan func() *govbuy.AssessmentPlan, scores ...govbuy.Score) demoContract {
	return demoContract{
		title: title, unit: unit, contractor: contractor, kind: govbuy.KindProject, catalog: catalog,
		method: method, amount: amount, feeBasis: feeBasis, plan: plan, scores: scores,
	}
}

const (
	marketPrice = "按市场询价和预算定额核定"
	tenderPrice = "按中标价"
)

// demoContracts are the district's purchases of 2024 but the last, which
// balanceDemo adds: 38 kinds of posts here, 33 projects.
var demoContracts = []demoContract{
	post("农村公路护路员", uTransport, cCollective, "B03", govbuy.MethodDirectHire, 120, 1600, 915),
	priced(post("社区工作者", uDongcheng, cSunshine, "A02", govbuy.MethodOpenHire, 20, 4300, 925), feeCommunityWorkers, 0, 0),
	priced(post("社区工作者", uXicheng, cSunshine, "A02", govbuy.MethodOpenHire, 20, 4300, 905), feeCommunityWorkers, 0, 0),
	priced(post("社区工作者", uNanhu, cHeart, "A02", govbuy.MethodOpenHire, 20, 4300, 890), feeCommunityWorkers, 0, 0),
	priced(post("社区工作者", uBeishan, cHeart, "A02", govbuy.MethodOpenHire, 20, 4300, 935), feeCommunityWorkers, 0, 0),
	post("城市管理协管员", uCityManagement, cCityServices, "B01", govbuy.MethodOpenHire, 80, 3600, 880),
	post("交通安全协管员", uTransport, cHR, "A01", govbuy.MethodPostOutsource, 24, 3200, 900),
	post("网格员", uLongquan, cVillage, "B02", govbuy.MethodDirectHire, 20, 2800, 920),
	post("综治协管员", uPoliticalLegal, cHR, "B02", govbuy.MethodPostOutsource, 12, 3300, 910),
	post("劳动保障协理员", uHumanResources, cHR, "A06", govbuy.MethodPostOutsource, 18, 3200, 895),
	post("社会保险经办辅助员", uSocialInsurance, cHR, "A06", govbuy.MethodPostOutsource, 10, 3400, 930),
	post("残疾人专职委员", uDisabled, cSunshine, "A02", govbuy.MethodOpenHire, 12, 2600, 940),
	post("禁毒社工", uJustice, cHeart, "B02", govbuy.MethodOpenHire, 8, 4000, 915),
	post("社区矫正社工", uJustice, cHeart, "B02", govbuy.MethodOpenHire, 6, 4100, 905),
	post("人民调解员", uCourt, cMediation, "B02", govbuy.MethodMutualAgree, 10, 3500, 950),
	post("食品安全协管员", uMarket, cHR, "A04", govbuy.MethodPostOutsource, 16, 3000, 885),
	post("安全生产监管协管员", uEmergency, cHR, "A01", govbuy.MethodPostOutsource, 12, 3300, 900),
	post("河道巡查员", uWater, cVillage, "B04", govbuy.MethodDirectHire, 24, 1500, 875),
	post("自然资源执法巡查员", uNaturalResources, cHR, "B04", govbuy.MethodPostOutsource, 10, 3000, 890),
	post("生态护林员", uForestry, cCollective, "B04", govbuy.MethodDirectHire, 40, 1200, 925),
	post("动物防疫协管员", uAgriculture, cCollective, "A04", govbuy.MethodDirectHire, 22, 1800, 905),
	post("农技推广协管员", uBaishui, cCollective, "A06", govbuy.MethodDirectHire, 8, 2200, 910),
	post("文化协管员", uCulture, cVolunteers, "A05", govbuy.MethodOpenHire, 14, 2400, 890),
	post("社会体育指导员", uLiuhe, cVolunteers, "A05", govbuy.MethodOpenHire, 6, 2200, 935),
	post("计生专干", uHealth, cSunshine, "A04", govbuy.MethodOpenHire, 10, 3000, 900),
	post("医保协管员", uMedicalInsurance, cHR, "A06", govbuy.MethodPostOutsource, 8, 3200, 915),
	post("退役军人服务专员", uVeterans, cHR, "A06", govbuy.MethodPostOutsource, 6, 3300, 945),
	post("信访代理员", uPetitions, cMediation, "B02", govbuy.MethodMutualAgree, 8, 3100, 890),
	post("档案整理员", uArchives, cZhang, "E04", govbuy.MethodMutualAgree, 1, 4500, 960),
	post("行政审批窗口辅助员", uApproval, cHR, "E04", govbuy.MethodPostOutsource, 16, 3500, 920),
	post("政务服务导办员", uServiceCentre, cHR, "E04", govbuy.MethodPostOutsource, 12, 3300, 930),
	post("司法辅助人员（书记员）", uCourt, cDispatch, "E04", govbuy.MethodPostOutsource, 14, 4200, 905),
	post("检察辅助人员", uProcuratorate, cDispatch, "E04", govbuy.MethodPostOutsource, 8, 4200, 910),
	post("统计协管员", uStatistics, cHR, "C01", govbuy.MethodPostOutsource, 6, 2900, 885),
	post("心理咨询师", uWomen, cLi, "A04", govbuy.MethodMutualAgree, 1, 6000, 955),
	post("新媒体编辑", uMedia, cWang, "A05", govbuy.MethodMutualAgree, 1, 5500, 930),
	post("科普宣传员", uScience, cZhao, "A05", govbuy.MethodMutualAgree, 1, 3800, 920),
	post("不动产登记辅助员", uRealEstate, cHR, "E04", govbuy.MethodPostOutsource, 10, 3400, 900),
	post("建筑市场巡查协管员", uHousing, cHR, "B01", govbuy.MethodPostOutsource, 8, 3300, 895),
	post("工会社会工作者", uTradeUnion, cSunshine, "A02", govbuy.MethodOpenHire, 6, 3800, 925),
	post("青少年事务社工", uYouthLeague, cHeart, "A02", govbuy.MethodOpenHire, 4, 3800, 940),

	project("农村公路日常养护（一标段）", uRoads, cRoad1, "B03", govbuy.MethodConsultation, 980_000, tenderPrice, roadPlan, 965, 880, 925, 950),
	project("农村公路日常养护（二标段）", uRoads, cRoad2, "B03", govbuy.MethodConsultation, 920_000, tenderPrice, roadPlan, 910, 865, 900, 935),
	project("农村公路日常养护（三标段）", uRoads, cRoad3, "B03", govbuy.MethodConsultation, 860_000, tenderPrice, roadPlan, 940, 975, 890, 915),
	project("城区公园绿地养护（一标段）", uParks, cGreen1, "E03", govbuy.MethodOpenTender, 1_280_000, tenderPrice, greenPlan, 960, 925),
	project("城区公园绿地养护（二标段）", uParks, cGreen2, "E03", govbuy.MethodOpenTender, 1_160_000, tenderPrice, greenPlan, 880, 955),
	project("滨江绿道绿化养护", uParks, cGreen3, "E03", govbuy.MethodLimitedCompete, 520_000, tenderPrice, greenPlan, 970, 960),
	project("道路绿化带养护", uParks, cGreen4, "E03", govbuy.MethodLimitedCompete, 460_000, tenderPrice, greenPlan, 905, 860),
	project("市政设施日常维护", uMunicipal, cMunicipal, "E02", govbuy.MethodDirectEntrust, 1_080_000, marketPrice, projectPlan, 925),
	project("城区路灯设施维护", uMunicipal, cMunicipal, "E02", govbuy.MethodDirectEntrust, 360_000, marketPrice, projectPlan, 945),
	priced(project("政府投资项目造价审核", uFinance, cCostAudit, "D02", govbuy.MethodMutualAgree, 480_000, "按省工程造价咨询服务收费标准（差额定率累进）计费", feePlan, 955), feeCostAudit, 0, 157_500_000),
	priced(project("计划生育技术服务检验检测", uMaternal, cLab, "D01", govbuy.MethodMutualAgree, 210_000, "按行业检验检测收费标准的75%计价", feePlan, 965), feeLabTests, 2000, 0),
	priced(project("政府法律顾问服务", uGovOffice, cLaw, "E01", govbuy.MethodMutualAgree, 180_000, "按律师服务收费标准协商确定", feePlan, 950), feeLawyers, 100, 0),
	project("居家养老上门服务", uCivilAffairs, cElderly, "A03", govbuy.MethodConsultation, 680_000, tenderPrice, projectPlan, 915),
	project("机关办公区物业管理", uGovAffairs, cProperty, "E05", govbuy.MethodConsultation, 620_000, tenderPrice, projectPlan, 905),
	project("城区道路清扫保洁", uCityManagement, cSanitation, "B04", govbuy.MethodOpenTender, 1_450_000, tenderPrice, projectPlan, 885),
	project("政务信息系统运维", uIndustry, cIT, "D04", govbuy.MethodConsultation, 380_000, tenderPrice, projectPlan, 935),
	project("送文化下乡演出", uCulture, cArts, "A05", govbuy.MethodMutualAgree, 240_000, marketPrice, projectPlan, 940),
	project("财政支出绩效评价", uFinance, cAccounting, "D03", govbuy.MethodConsultation, 200_000, tenderPrice, projectPlan, 920),
	project("病媒生物防制", uCDC, cPests, "A04", govbuy.MethodInquiry, 160_000, marketPrice, projectPlan, 895),
	project("机关食堂托管", uPartyOffice, cProperty, "E05", govbuy.MethodConsultation, 260_000, tenderPrice, projectPlan, 910),
	project("档案数字化加工", uCongressOffice, cIT, "D04", govbuy.MethodInquiry, 140_000, marketPrice, projectPlan, 930),
	project("委员履职服务平台运维", uCPPCCOffice, cIT, "D04", govbuy.MethodInquiry, 100_000, marketPrice, projectPlan, 925),
	project("党员教育培训服务", uOrganisation, cTraining, "A06", govbuy.MethodMutualAgree, 150_000, marketPrice, projectPlan, 945),
	project("网络舆情监测服务", uPublicity, cIT, "D03", govbuy.MethodInquiry, 120_000, marketPrice, projectPlan, 915),
	project("民族宗教政策宣传服务", uUnitedFront, cArts, "A05", govbuy.MethodMutualAgree, 90_000, marketPrice, projectPlan, 930),
	project("廉政教育基地讲解服务", uDiscipline, cVolunteers, "A05", govbuy.MethodMutualAgree, 70_000, marketPrice, projectPlan, 955),
	project("机构编制核查技术服务", uEstablishment, cAccounting, "D03", govbuy.MethodInquiry, 90_000, marketPrice, projectPlan, 905),
	project("重大项目前期咨询", uDevelopment, cCostAudit, "C02", govbuy.MethodConsultation, 240_000, tenderPrice, projectPlan, 920),
	project("学生心理健康辅导服务", uEducation, cHeart, "A04", govbuy.MethodConsultation, 210_000, tenderPrice, projectPlan, 950),
	project("商贸流通统计监测", uCommerce, cAccounting, "C01", govbuy.MethodInquiry, 100_000, marketPrice, projectPlan, 900),
	project("政府投资审计辅助服务", uAudit, cAccounting, "E06", govbuy.MethodConsultation, 290_000, tenderPrice, projectPlan, 925),
	project("乡村环境整治保洁", uQingshi, cSanitation, "B04", govbuy.MethodConsultation, 500_000, tenderPrice, projectPlan, 890),
	project("城乡结合部垃圾清运", uLiuhe, cSanitation, "B04", govbuy.MethodInquiry, 260_000, marketPrice, projectPlan, 880),
}

// demoBalance is the outsourced back-office post whose amount balanceDemo
// sets; it is paid in full each quarter.
var demoBalance = demoContract{
	title: "机关后勤服务岗位", unit: uGovAffairs, contractor: cHR, kind: govbuy.KindPost, catalog: "E04",
	method: govbuy.MethodPostOutsource, headcount: 45, plan: balancePlan,
}

func balancePlan() *govbuy.AssessmentPlan {
	return &govbuy.AssessmentPlan{Period: govbuy.PeriodQuarter, Bands: govbuy.DefaultGradeBands, Rule: govbuy.PaymentRule{Kind: govbuy.RuleFull}}
}

// The demo's fee-standard library (收费标准库).
const (
	feeCommunityWorkers = "社区工作者薪酬标准"
	feeCostAudit        = "工程造价咨询服务收费标准（结算审核）"
	feeLabTests         = "计划生育技术服务检验检测收费标准"
	feeLawyers          = "律师服务收费标准（计时）"
)

// DemoFeeStandards price the district's community workers, its cost audit
// (a progressive table, 差额定率累进), its lab tests (a unit price, agreed at
// 75 %) and its legal adviser (by the hour; the contract is 20 % above the
// standard, which the hints point out).
func DemoFeeStandards() []govbuy.FeeStandard {
	wan := func(n int64) govbuy.Money { return govbuy.Yuan(n * 10_000) }
	return []govbuy.FeeStandard{
		{
			Name: feeCommunityWorkers, Source: "区民政局、区人力资源和社会保障局社区工作者薪酬待遇文件", Date: govbuy.Day(2023, 12, 20),
			Kind: govbuy.FeePostPay, MonthlyPay: govbuy.Yuan(3600), SocialInsurance: 1600, ManagementFee: 300,
		},
		{
			Name: feeCostAudit, Source: "省建设工程造价管理协会行业收费标准", Date: govbuy.Day(2021, 8, 1),
			Kind: govbuy.FeeProgressive, Bands: []govbuy.FeeBand{
				{UpTo: wan(500), Rate: 60}, {UpTo: wan(1000), Rate: 50}, {UpTo: wan(5000), Rate: 40},
				{UpTo: wan(10000), Rate: 30}, {Rate: 20},
			},
		},
		{
			Name: feeLabTests, Source: "省医疗服务价格项目（检验类）", Date: govbuy.Day(2022, 3, 1),
			Kind: govbuy.FeeUnitPrice, Price: govbuy.Yuan(140), Unit: "人次", Share: 7500,
		},
		{
			Name: feeLawyers, Source: "省律师服务收费指导标准", Date: govbuy.Day(2020, 10, 1),
			Kind: govbuy.FeeUnitPrice, Price: govbuy.Yuan(1500), Unit: "小时",
		},
	}
}

// DemoRequirements are what the district asks of the contractors of three
// service projects: green-space upkeep 三级 or above, rural road upkeep 乙级
// or above, and family-planning lab tests a medical institution's licence.
// (The road wardens' posts under the same catalog item are not firms' work.)
func DemoRequirements() []govbuy.Requirement {
	return []govbuy.Requirement{
		{CatalogCode: "E03", Kind: govbuy.KindProject, QualKind: "城市园林绿化企业资质", MinLevel: "三级"},
		{CatalogCode: "B03", Kind: govbuy.KindProject, QualKind: "公路养护工程施工资质", MinLevel: "乙级", Types: []govbuy.ContractorType{govbuy.TypeEnterprise}},
		{CatalogCode: "D01", Kind: govbuy.KindProject, Licence: "医疗机构执业许可证"},
	}
}
