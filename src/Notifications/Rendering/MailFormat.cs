using System.Globalization;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Notifications.Rendering;

/// <summary>
/// How values read in an email (zh-CN). Every public method is a template function under its snake_case name,
/// e.g. <c>{{ declaration.current_year_amount_yuan | wan_yuan }}</c>.
/// </summary>
public static class MailFormat
{
    private const string Missing = "（未填写）";
    private const int ContextChars = 40;

    /// <summary>元 → 万元 with 2–4 decimals: 150000 → 15.00万元, 123456.78 → 12.3457万元.</summary>
    public static string WanYuan(decimal? yuan) => yuan is { } value ? Wan(DisplayFormat.ToWan(value)!.Value) : Missing;

    /// <summary>How 本年度项目金额 moved since the compared version: 原15.00万元，增加3.00万元 (empty when unchanged).</summary>
    public static string AmountChange(KeyFigures? figures)
    {
        if (figures is not { CurrentYearAmountWanYuanBefore: { } before, CurrentYearAmountWanYuanAfter: { } after } || before == after)
        {
            return "";
        }
        return $"原{Wan(before)}，{(after > before ? "增加" : "减少")}{Wan(Math.Abs(after - before))}";
    }

    private static string Wan(decimal wanYuan) => DisplayFormat.Wan(wanYuan) + "万元";

    /// <summary>An instant in China time: 2026年11月30日（星期一）18:00.</summary>
    public static string ChinaTime(DateTimeOffset instant)
    {
        var local = Workflows.Route.Calendar.ChinaTime.ToChina(instant);
        return $"{ChinaDate(DateOnly.FromDateTime(local.DateTime))}{local:HH:mm}";
    }

    /// <summary>An instant as the portal shows it, in 北京时间 (DisplayFormat): 2026-11-30 18:00.</summary>
    public static string BeijingTime(DateTimeOffset instant) => DisplayFormat.Time(instant);

    /// <summary>A day: 2026年11月30日（星期一）.</summary>
    public static string ChinaDate(DateOnly day) =>
        $"{day.Year}年{day.Month}月{day.Day}日（{Weekdays[(int)day.DayOfWeek]}）";

    private static readonly string[] Weekdays = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

    /// <summary>剩余3个工作日 / 今天到期 / 已逾期2个工作日.</summary>
    public static string WorkingDays(int workingDaysLeft) => workingDaysLeft switch
    {
        > 0 => $"剩余{workingDaysLeft}个工作日",
        0 => "今天到期",
        _ => $"已逾期{-workingDaysLeft}个工作日",
    };

    /// <summary>The zh-CN label of a stage name (科室起草, 办公室审核 …).</summary>
    public static string Stage(string stage) => StageLabels.For(stage);

    /// <summary>A field value in a diff; empty reads as （空）.</summary>
    public static string OrEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? "（空）" : value;

    /// <summary>A value the form may not have yet; empty reads as （未填写）.</summary>
    public static string OrMissing(string? value) => string.IsNullOrWhiteSpace(value) ? Missing : value;

    /// <summary>The 指标值 of an indicator row as listed in a diff: 不适用 for a row marked so, （空） when blank.</summary>
    public static string IndicatorValue(IndicatorRowCells? cells) =>
        cells is { NotApplicable: true } ? "不适用" : OrEmpty(cells?.Value);

    /// <summary>
    /// The spans of a long-text change with long unchanged runs cut to their ends (…), so a one-word edit in a
    /// 2000-字 年度目标 stays readable in a mail; changed text is never shortened.
    /// </summary>
    public static IReadOnlyList<TextSpan> Compact(IReadOnlyList<TextSpan> spans)
    {
        if (spans.Count < 2)
        {
            return spans;
        }
        var result = new List<TextSpan>(spans.Count);
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (span.Kind != TextSpanKind.Equal)
            {
                result.Add(span);
                continue;
            }
            var elements = new StringInfo(span.Text);
            var length = elements.LengthInTextElements;
            var keepHead = i > 0 ? ContextChars : 0;
            var keepTail = i < spans.Count - 1 ? ContextChars : 0;
            if (length <= keepHead + keepTail + 1)
            {
                result.Add(span);
                continue;
            }
            var head = keepHead > 0 ? elements.SubstringByTextElements(0, keepHead) : "";
            var tail = keepTail > 0 ? elements.SubstringByTextElements(length - keepTail) : "";
            result.Add(span with { Text = head + "……" + tail });
        }
        return result;
    }
}
