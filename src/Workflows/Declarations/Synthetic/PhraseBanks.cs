namespace PerfWorkflow.Workflows.Declarations.Synthetic;

/// <summary>Invented phrases the generator composes forms from (never text of real forms).</summary>
internal static class PhraseBanks
{
    public static readonly string[] Subjects =
    [
        "机关运转保障", "产业发展扶持", "企业服务平台运营", "节能宣传推广", "安全生产巡查", "消费促进活动", "人才服务保障",
        "信息化系统运维", "经济运行监测", "商圈环境提升", "中小企业培育", "数字经济推进", "展会组织服务", "档案规范管理",
    ];

    public static readonly string[] NameSuffixes = ["项目", "经费", "工作经费", "专项工作", "服务项目"];

    public static readonly string[] CostItems =
    [
        "设备购置费", "系统运维费", "宣传推广费", "第三方服务费", "培训组织费", "资料印刷费", "场地租赁费", "专家评审费",
        "活动执行费", "数据采集费", "课题研究费", "平台维护费", "会议组织费", "检测评估费",
    ];

    public static readonly (string Part1, string Part2)[] CostBreakdowns =
    [
        ("硬件采购", "安装调试"), ("方案设计", "组织实施"), ("内容制作", "渠道投放"), ("现场服务", "总结评估"),
    ];

    public static readonly string[] StaffRoles = ["辅助人员", "技术支撑人员", "巡查专员", "服务专员", "数据录入人员"];

    public static readonly string[] PolicyOpenings =
    [
        "按照《福田区{0}工作方案》的部署，", "根据上级主管部门关于{0}的年度工作要求（福工信〔2023〕15号），", "依据本局“三定”方案中{0}的职能分工，",
        "为落实《福田区政府工作报告》中有关{0}的任务，",
    ];

    public static readonly string[] PolicyClosings =
    [
        "统筹安排相关经费，确保各项工作依法依规开展。", "规范资金使用程序，保障年度重点任务顺利落地。",
        "做好经费保障，推动相关政策措施落实到位。", "明确责任分工，提升财政资金使用效益。",
    ];

    public static readonly string[] AnnualOpenings =
    [
        "{1}年内完成{0}的各项年度任务，", "本年度围绕{0}开展专项工作，", "{1}年计划分季度推进{0}，",
    ];

    public static readonly string[] AnnualClosings =
    [
        "按期完成验收并形成工作台账。", "做到进度可控、质量达标、资金安全。", "及时总结经验并向主管部门报送进展。",
    ];

    public static readonly string[] LongTermSentences =
    [
        "在实施期内持续完善{0}的工作机制，形成可复制推广的经验做法。", "通过多年度滚动实施，使{0}的服务质量和覆盖面稳步提高。",
        "逐步建立{0}的长效管理制度，提升财政资金的综合效益。", "到实施期末，{0}的主要指标达到全区先进水平。",
    ];

    public static readonly (string Name, string Unit)[] QuantityIndicators =
    [
        ("服务企业数量", "家"), ("开展培训场次", "场"), ("巡查企业家次", "家次"), ("组织宣传活动次数", "次"), ("采购设备种类", "种"),
        ("完成课题数量", "个"), ("覆盖商圈数量", "个"), ("发布监测报告期数", "期"),
    ];

    public static readonly int[] QuantityNumbers = [2, 3, 4, 5, 6, 8, 10, 12, 20, 24, 30, 50, 100, 120, 300, 400];

    public static readonly string[] QualityIndicators =
    [
        "验收合格率", "资金发放合规率", "服务达标率", "材料审核通过率", "任务完成率", "政策覆盖率", "数据准确率",
    ];

    public static readonly string[] QualityValues = ["100%", "≥95%", "≥90%", "≥98%"];

    public static readonly (string Name, string Value)[] TimelinessIndicators =
    [
        ("资金拨付及时性", "及时"), ("任务完成及时性", "按时"), ("问题响应时间", "≤5个工作日"), ("故障处理时限", "＜5天"),
        ("材料受理时限", "≤3个工作日"),
    ];

    public static readonly (string Name, string Value)[] SocialIndicators =
    [
        ("保障机关工作正常运转", "有效保障"), ("促进产业集聚发展", "有效促进"), ("推动营商环境持续优化", "有效推动"),
        ("提升公共服务水平", "有效提升"), ("改善企业经营环境", "逐步改善"),
    ];

    public static readonly (string Name, string Value)[] EconomicIndicators = [("带动企业营收增长", "≥2%"), ("拉动社会投资增幅", "≥3%")];

    public static readonly (string Name, string Value)[] SustainableIndicators = [("形成长效工作机制", "逐步完善"), ("工作成果持续发挥作用", "持续发挥")];

    public static readonly string[] SatisfactionIndicators = ["服务企业满意度", "使用部门满意度", "参训人员满意度", "活动参与者满意度"];

    public static readonly string[] SatisfactionValues = ["≥80%", "≥85%", "≥90%", "≥95%"];

    public static readonly (string Name, string Value)[] OtherSatisfactionIndicators = [("社会公众满意度", "≥85%")];

    public static readonly string[] SyntheticNames = ["张三", "李四", "王五", "赵六", "钱七"];
}
