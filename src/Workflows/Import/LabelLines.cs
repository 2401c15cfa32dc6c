using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Import;

/// <summary>
/// Recognises the lines that start something on a form — 备注, a table row, a text field's heading — by plain prefix
/// checks, since every line of every form passes through them.
/// </summary>
internal static class LabelLines
{
    public static readonly string[] TextLabels = ["政策依据", "测算依据", "年度目标", "长期目标"];

    private static readonly string[] Level1Labels = [IndicatorSkeleton.Output, IndicatorSkeleton.Benefit, IndicatorSkeleton.Satisfaction];

    /// <summary><c>备注：…</c>; <paramref name="rest"/> is what follows the colon.</summary>
    public static bool IsRemark(string line, out string rest)
    {
        rest = "";
        if (!line.StartsWith("备注", StringComparison.Ordinal))
        {
            return false;
        }
        var at = SkipSpaces(line, 2);
        if (at >= line.Length || !IsColon(line[at]))
        {
            return false;
        }
        rest = line[(at + 1)..];
        return true;
    }

    /// <summary><c>产出指标 *数量指标 …</c> with a 二级指标 of the skeleton; <paramref name="rest"/> holds the three cells.</summary>
    public static bool IsRow(string line, out string level1, out IndicatorCategory? category, out string rest)
    {
        (level1, category, rest) = ("", null, "");
        var index = StartingLabel(line, Level1Labels);
        if (index < 0)
        {
            return false;
        }
        var label = Level1Labels[index];
        var at = SkipSpaces(line, label.Length);
        if (at < line.Length && line[at] is '*' or '＊')
        {
            at = SkipSpaces(line, at + 1);
        }
        var end = at;
        while (end < line.Length && !char.IsWhiteSpace(line[end]))
        {
            end++;
        }
        category = IndicatorSkeleton.Find(line[at..end]);
        if (category is null)
        {
            return false;
        }
        level1 = label;
        rest = line[end..].Trim();
        return true;
    }

    /// <summary>
    /// A text field's heading: the label, an optional bracketed hint (跨度多年的项目需填), then a colon and the value, or
    /// nothing at all when the colon strayed onto a later line.
    /// </summary>
    public static bool IsTextHeading(string line, out int label, out bool colon, out string rest)
    {
        (label, colon, rest) = (StartingLabel(line, TextLabels), false, "");
        if (label < 0)
        {
            return false;
        }
        var at = SkipSpaces(line, TextLabels[label].Length);
        if (at < line.Length && line[at] is '（' or '(')
        {
            var close = line.IndexOfAny(['）', ')'], at);
            if (close < 0)
            {
                return false;
            }
            at = SkipSpaces(line, close + 1);
        }
        if (at < line.Length && IsColon(line[at]))
        {
            (colon, rest) = (true, line[(at + 1)..].Trim());
            return true;
        }
        return at == line.Length;
    }

    private static int StartingLabel(string line, string[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (line.StartsWith(labels[i], StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsColon(char c) => c is '：' or ':';

    private static int SkipSpaces(string line, int at)
    {
        while (at < line.Length && char.IsWhiteSpace(line[at]))
        {
            at++;
        }
        return at;
    }
}
