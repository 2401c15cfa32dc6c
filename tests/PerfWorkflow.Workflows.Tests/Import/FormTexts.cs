namespace PerfWorkflow.Workflows.Tests.Import;

/// <summary>Small forms in the text-extracted format for importer tests; each test changes the lines it is about.</summary>
internal static class FormTexts
{
    public const string Remark = "备注：作为导入模板，置灰信息无需录入，作为导出模板，置灰信息系统自动带出。";

    /// <summary>A clean form: every field on its label's line, one row per category.</summary>
    public const string Clean = """
        二级项目支出绩效目标申报表
        项目编码： 440304231071500000099 项目名称： 办公设备维护

        申请单位： 深圳市福田区工业和信息化局（本级） 一级预算单位： 深圳市福田区工业和信息化局（本级）

        实施期限： 3 项目类型： 31 履职类项目

        是否新增项目： 否 分配方式： 项目法

        项目总金额（中期规划，万元）： 300,000.00 本年度项目金额（万元）： 100,000.00

        政策依据： 按照机关办公设备管理规定，保障办公设备正常使用。

        测算依据： 用途1：打印机维护6万元。用途2：电脑维护4万元。

        年度目标： 完成全局打印机和电脑的年度维护，保障日常办公。

        长期目标（跨度多年的项目需填）： 建立办公设备定期维护机制，延长设备使用年限。

        一级指标 二级指标 三级指标 指标值 指标解释

        产出指标 *数量指标 维护设备台数 ≥50台 该指标主要考察维护设备台数

        产出指标 *质量指标 维护验收合格率 100% 该指标主要考察维护验收合格率

        产出指标 *时效指标 故障响应时间 ＜2天 该指标主要考察故障响应时间

        产出指标 *成本指标 成本控制率 ≤100% 该指标主要考察成本控制率

        效益指标 经济效益指标 不适用 不适用 不适用

        效益指标 *社会效益指标 保障机关正常办公 有效保障 该指标主要考察是否保障机关正常办公

        效益指标 生态效益指标 不适用 不适用 不适用

        效益指标 可持续影响指标 不适用 不适用 不适用

        满意度指标 *服务对象满意度指标 使用人员满意度 ≥90% 该指标主要考察使用人员满意度

        满意度指标 其他满意度指标 不适用 不适用 不适用

        备注：作为导入模板，置灰信息无需录入，作为导出模板，置灰信息系统自动带出。

        """;

    public static string With(string oldText, string newText)
    {
        Assert.Contains(oldText, Clean, StringComparison.Ordinal);
        return Clean.Replace(oldText, newText, StringComparison.Ordinal);
    }
}
