namespace PerfWorkflow.Workflows.Declarations;

/// <summary>A number of counted things (persons, enterprises) in a text field or an indicator, with the words around it.</summary>
/// <param name="Approximate">约 / 余 / 多 / 左右 around the number: 500余家 is at least 500, 约500家 about 500.</param>
internal sealed record CountedMention(string Path, string Label, long Number, string Unit, string Group, string Context, bool Approximate = false);

/// <summary>Collects counted mentions for TEXT_NUMBER_CONFLICT and decides whether two of them are about the same thing.</summary>
internal static class CountedMentions
{
    // Generic words that say nothing about what is counted.
    private static readonly string[] StopBigrams =
        ["数量", "工作", "开展", "完成", "项目", "年度", "全年", "本年", "共计", "合计", "需求", "经费", "费用", "指标", "主要", "考察", "保障", "提高"];

    // Head nouns many counted things share (扶持企业 / 入库企业): one of them alone does not make the same thing.
    private static readonly string[] GenericBigrams =
        ["企业", "人员", "单位", "人才", "机构", "对象", "群众", "居民", "商户", "员工", "市民", "活动", "服务", "培训", "会议"];

    /// <summary>Unit group of a count unit (persons, enterprises, events), or null for units not tracked.</summary>
    public static string? GroupOf(string unit) => unit switch
    {
        "人" or "名" or "位" => "人",
        "家" => "家",
        "场" => "场",
        _ => null,
    };

    private const string ChineseNumeralStart = "一二两三四五六七八九十";

    public static void Collect(string text, string path, string label, List<CountedMention> into, int limit)
    {
        for (var i = 0; i < text.Length && into.Count < limit; i++)
        {
            var ascii = char.IsAsciiDigit(text[i]);
            if (!ascii && !ChineseNumeralStart.Contains(text[i], StringComparison.Ordinal))
            {
                continue;
            }
            if (i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] is '.' or '第' or '每'
                || (!ascii && (ChineseNumeralStart.Contains(text[i - 1], StringComparison.Ordinal) || "统唯之某同单逐万千百".Contains(text[i - 1], StringComparison.Ordinal)))))
            {
                continue;
            }
            long number;
            int end;
            if (ascii)
            {
                end = i;
                while (end < text.Length && char.IsAsciiDigit(text[end]))
                {
                    end++;
                }
                if (end - i > 6)
                {
                    i = end;
                    continue;
                }
                number = long.Parse(text.AsSpan(i, end - i), System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                // 三名, 五家, 十二场: a Chinese numeral read as a number.
                if (!IndicatorValueParser.TryChineseNumber(text.AsSpan(i), out var value, out var used))
                {
                    continue;
                }
                number = (long)value;
                end = i + used;
            }
            var unitAt = end;
            var approximate = i > 0 && text[i - 1] == '约';
            if (unitAt < text.Length && text[unitAt] is '余' or '多')
            {
                approximate = true;
                unitAt++;
            }
            if (unitAt >= text.Length)
            {
                i = end;
                continue;
            }
            var unit = text[unitAt].ToString();
            // 人次/家次 count visits, not persons or enterprises.
            var group = GroupOf(unit);
            if (group is null || (unitAt + 1 < text.Length && text[unitAt + 1] == '次'))
            {
                i = Math.Max(i, end - 1);
                continue;
            }
            approximate |= text.AsSpan(unitAt + 1).StartsWith("左右", StringComparison.Ordinal);
            into.Add(new CountedMention(path, $"【{label}】", number, unit, group, Context(text, i, unitAt + 1), approximate));
            i = unitAt;
        }
    }

    /// <summary>True when an approximate number (500余家, 约500家) admits the other.</summary>
    public static bool Admits(CountedMention x, CountedMention y)
    {
        foreach (var (a, b) in new[] { (x, y), (y, x) })
        {
            if (a.Approximate && (b.Number >= a.Number || Math.Abs(b.Number - a.Number) <= Math.Max(1, a.Number / 10)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when the two contexts share a meaningful two-character word. A generic head noun alone (企业, 人员) is not
    /// enough unless <paramref name="allowGeneric"/>: 扶持企业20家 and 新增入库企业5家 count different things.
    /// </summary>
    public static bool SameThing(string a, string b, bool allowGeneric = false)
    {
        for (var i = 0; i + 1 < a.Length; i++)
        {
            if (!DeclarationText.IsHan(a[i]) || !DeclarationText.IsHan(a[i + 1]))
            {
                continue;
            }
            var bigram = a.AsSpan(i, 2);
            if (b.AsSpan().IndexOf(bigram, StringComparison.Ordinal) >= 0 && !IsStop(bigram) && (allowGeneric || !IsGeneric(bigram)))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsGeneric(ReadOnlySpan<char> bigram)
    {
        foreach (var word in GenericBigrams)
        {
            if (bigram.SequenceEqual(word))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when the two numbers take part in one sum among the mentions (20家 + 15家 = 35家): parts and their whole
    /// are consistent, not a conflict. Looks at up to 16 mentions of the group.
    /// </summary>
    public static bool InOneSum(IReadOnlyList<CountedMention> group, CountedMention x, CountedMention y)
    {
        var n = Math.Min(group.Count, 16);
        for (var whole = 0; whole < n; whole++)
        {
            var target = group[whole].Number;
            // Subsets of the other mentions (at least two) that add up to the whole and contain x or y, or are the whole.
            for (var mask = 1; mask < 1 << n; mask++)
            {
                if ((mask & (1 << whole)) != 0 || System.Numerics.BitOperations.PopCount((uint)mask) < 2)
                {
                    continue;
                }
                long sum = 0;
                var hasX = ReferenceEquals(group[whole], x);
                var hasY = ReferenceEquals(group[whole], y);
                for (var k = 0; k < n; k++)
                {
                    if ((mask & (1 << k)) != 0)
                    {
                        sum += group[k].Number;
                        hasX |= ReferenceEquals(group[k], x);
                        hasY |= ReferenceEquals(group[k], y);
                    }
                }
                if (sum == target && hasX && hasY)
                {
                    return true;
                }
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
