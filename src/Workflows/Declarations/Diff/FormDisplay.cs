using System.Globalization;

namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>How field values read in a diff (zh-CN).</summary>
internal static class FormDisplay
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static string YesNo(bool value) => value ? "是" : "否";

    public static string? YesNo(bool? value) => value is { } v ? YesNo(v) : null;

    public static string? Yuan(decimal? amount) => amount is { } yuan ? yuan.ToString("#,##0.00", Chinese) + "元" : null;

    public static string? Years(int? years) => years is { } count ? count.ToString(CultureInfo.InvariantCulture) + "年" : null;

    public static string? Type(ProjectType? type) => type is null ? null : $"{type.Code} {type.Name}".Trim();

    public static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static decimal? WanYuan(decimal? yuan) => DisplayFormat.ToWan(yuan);
}
