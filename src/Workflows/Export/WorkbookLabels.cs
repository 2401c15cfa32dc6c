using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Export;

/// <summary>The labels of the workbook layout that are not form field labels; the writer and the reader share them.</summary>
public static class WorkbookLabels
{
    public const string Title = "二级项目支出绩效目标申报表";
    public const string Note = "金额单位：万元；灰色底纹为系统自动带出的字段（置灰），无需填写。";
    public const string PeriodYears = FieldLabels.PeriodYears + "（年）";
    public const string TotalAmount = FieldLabels.TotalAmount + "（万元）";
    public const string CurrentYearAmount = FieldLabels.CurrentYearAmount + "（万元）";
    public const string Level1 = "一级指标";
    public const string Level2 = "二级指标";
    public const string Unplaced = "未能归入字段的文字";
}
