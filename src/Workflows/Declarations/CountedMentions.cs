namespace PerfWorkflow.Workflows.Declarations;

/// <summary>A number of counted things (persons, enterprises) in a text field or an indicator, with the words around it.</summary>
internal sealed record CountedMention(string Path, string Label, long Number, string Unit, string Group, string Context);

/// <summary>Collects counted mentions for TEXT_NUMBER_CONFLICT and decides whether two of them are about the same thing.</summary>
internal static class CountedMentions
{
    // Generic words that say nothing about what is counted.
    private static readonly string[] StopBigrams =
        ["数量", "工作", "开展", "完成", "项目", "年度", "全年", "本年", "共计", "合计", "需求", "经费", "费用", "指标", "主要", "考察", "保障", "提高"];

    /// <summary>Unit group of a count unit (persons or enterprises), or null for units not tracked.</summary>
    public static string? GroupOf(string unit) => unit switch
    {
        "人" or "名" or "位" => "人",
        "家" => "家",
        _ => null,
    };

    public static void Collect(string text, string path, string label, List<CountedMention> into, int limit)
    {
        for (var i = 0; i < text.Length && into.Count < limit; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] is '.' or '第' or '每')))
            {
                continue;
            }
            var end = i;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
            if (end >= text.Length || end - i > 6)
            {
                i = end;
                continue;
            }
            var unit = text[end].ToString();
            // 人次/家次 count visits, not persons or enterprises.
            var group = GroupOf(unit);
            if (group is null || (end + 1 < text.Length && text[end + 1] == '次'))
            {
                i = end;
                continue;
            }
            var number = long.Parse(text.AsSpan(i, end - i), System.Globalization.CultureInfo.InvariantCulture);
            into.Add(new CountedMention(path, $"「{label}」", number, unit, group, Context(text, i, end + 1)));
            i = end;
        }
    }

    /// <summary>True when the two contexts share a meaningful two-character word.</summary>
    public static bool SameThing(string a, string b)
    {
        for (var i = 0; i + 1 < a.Length; i++)
        {
            if (!DeclarationText.IsHan(a[i]) || !DeclarationText.IsHan(a[i + 1]))
            {
                continue;
            }
            var bigram = a.AsSpan(i, 2);
            if (b.AsSpan().IndexOf(bigram, StringComparison.Ordinal) >= 0 && !IsStop(bigram))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsStop(ReadOnlySpan<char> bigram)
    {
        foreach (var stop in StopBigrams)
        {
            if (bigram.SequenceEqual(stop))
            {
                return true;
            }
        }
        return false;
    }

    // Up to eight Han characters before the number and after the unit, within the clause.
    private static string Context(string text, int numberStart, int afterUnit)
    {
        var left = numberStart;
        while (left > 0 && DeclarationText.IsHan(text[left - 1]) && numberStart - left < 8)
        {
            left--;
        }
        var right = afterUnit;
        while (right < text.Length && DeclarationText.IsHan(text[right]) && right - afterUnit < 8)
        {
            right++;
        }
        return string.Concat(text.AsSpan(left, numberStart - left), text.AsSpan(afterUnit, right - afterUnit));
    }
}
