namespace PerfWorkflow.Workflows.Declarations;

/// <summary>One money amount stated in 测算依据, converted to 元.</summary>
/// <param name="Yuan">The amount in 元.</param>
/// <param name="Start">Index of the number in the normalised text.</param>
/// <param name="IsRateOrFactor">A unit price or formula factor (<c>3000元×6</c>, <c>40万元/人</c>, <c>每人约40万元</c>): not added up.</param>
/// <param name="TotalMarker">合计/共计/总计/小计/合/共 right before the amount, or null.</param>
public sealed record BasisAmount(decimal Yuan, int Start, bool IsRateOrFactor, string? TotalMarker);

/// <summary>
/// What 测算依据 says about money (docs/rules.md, AMOUNT_BASIS_MISMATCH): the amounts it states, its items (用途N or
/// numbered 1. 2. …) with one value each, and a stated grand total (合计/共计). Amounts may be in 万元 or 元.
/// </summary>
public sealed record CalculationBasisAmounts(
    IReadOnlyList<BasisAmount> Amounts,
    IReadOnlyList<decimal?> ItemAmounts,
    decimal? StatedTotal)
{
    private static readonly string[] GrandMarkers = ["合计", "共计", "总计"];
    private static readonly string[] SubMarkers = ["小计", "合", "共"];
    private const string ChineseDigits = "一二三四五六七八九十";

    /// <summary>True when the text states at least one money amount.</summary>
    public bool HasAmounts => Amounts.Count > 0;

    /// <summary>True when there are items and every one of them carries an amount.</summary>
    public bool IsItemised => ItemAmounts.Count > 0 && ItemAmounts.All(a => a is not null);

    /// <summary>Sum of the item values when <see cref="IsItemised"/>, else null.</summary>
    public decimal? ItemisedTotal => IsItemised ? ItemAmounts.Sum(a => a!.Value) : null;

    /// <summary>
    /// Best guess of the money the basis adds up to, for reconciling units on import (AMOUNT_UNIT_SUSPECT): the stated
    /// total, else the itemised total, else the sum of plain amounts, else a lone rate (每人约40万元). Never used for
    /// AMOUNT_BASIS_MISMATCH, which only trusts itemised amounts and stated totals.
    /// </summary>
    public decimal? EstimatedTotal
    {
        get
        {
            if ((StatedTotal ?? ItemisedTotal) is { } known)
            {
                return known;
            }
            var plain = Amounts.Where(a => !a.IsRateOrFactor && a.TotalMarker is null).ToList();
            if (plain.Count > 0)
            {
                return plain.Sum(a => a.Yuan);
            }
            return Amounts.Count == 1 ? Amounts[0].Yuan : null;
        }
    }

    /// <summary>Reads 测算依据 (raw or normalised; it is NFKC-normalised here).</summary>
    public static CalculationBasisAmounts Read(string? basis)
    {
        var text = DeclarationText.Normalize(basis);
        var amounts = ScanAmounts(text);
        var itemStarts = FindPurposeMarkers(text);
        if (itemStarts.Count == 0)
        {
            itemStarts = FindNumberedMarkers(text);
        }
        if (itemStarts.Count == 0)
        {
            var total = amounts.LastOrDefault(a => a.TotalMarker is not null && IsGrand(a.TotalMarker) && !a.IsRateOrFactor);
            return new CalculationBasisAmounts(amounts, [], total?.Yuan);
        }

        // Amounts and item starts are both in text order, so one walk assigns every amount to its item.
        var items = new List<List<BasisAmount>>(itemStarts.Count);
        decimal? stated = null;
        var next = 0;
        while (next < amounts.Count && amounts[next].Start < itemStarts[0])
        {
            next++;
        }
        for (var i = 0; i < itemStarts.Count; i++)
        {
            var end = i + 1 < itemStarts.Count ? itemStarts[i + 1] : text.Length;
            var item = new List<BasisAmount>();
            for (; next < amounts.Count && amounts[next].Start < end; next++)
            {
                if (!amounts[next].IsRateOrFactor)
                {
                    item.Add(amounts[next]);
                }
            }
            items.Add(item);
        }
        var before = amounts.LastOrDefault(a => !a.IsRateOrFactor && a.Start < itemStarts[0] && a.TotalMarker is not null && IsGrand(a.TotalMarker));
        if (before is not null)
        {
            stated = before.Yuan;
        }

        var values = items.Select(ItemValue).ToList();
        var last = items[^1];
        if (stated is null && items.Count >= 2 && last.Count > 0 && last[^1].TotalMarker is { } marker && IsGrand(marker))
        {
            // A closing 合计 in the last item is the grand total when it adds up the items before it.
            var lastWithout = ItemValue(last.GetRange(0, last.Count - 1));
            var previous = values.Take(values.Count - 1).Sum(v => v ?? 0m);
            if (Close(previous + (lastWithout ?? 0m), last[^1].Yuan))
            {
                stated = last[^1].Yuan;
                values[^1] = lastWithout;
            }
        }
        return new CalculationBasisAmounts(amounts, values, stated);
    }

    private static bool IsGrand(string marker) => Array.IndexOf(GrandMarkers, marker) >= 0;

    private static bool Close(decimal a, decimal b) => Math.Abs(a - b) <= Math.Max(0.01m, Math.Abs(b) * 0.0001m);

    // One value per item; an item's own breakdown (合13万元, or parts that add up to its first amount) is not added twice.
    private static decimal? ItemValue(List<BasisAmount> amounts)
    {
        if (amounts.Count == 0)
        {
            return null;
        }
        var marked = amounts.LastOrDefault(a => a.TotalMarker is not null);
        if (marked is not null)
        {
            return marked.Yuan;
        }
        if (amounts.Count == 1)
        {
            return amounts[0].Yuan;
        }
        var all = amounts.Sum(a => a.Yuan);
        if (Close(all - amounts[0].Yuan, amounts[0].Yuan))
        {
            return amounts[0].Yuan;
        }
        if (Close(all - amounts[^1].Yuan, amounts[^1].Yuan))
        {
            return amounts[^1].Yuan;
        }
        return all;
    }

    private static List<BasisAmount> ScanAmounts(string text)
    {
        var result = new List<BasisAmount>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsAsciiDigit(text[i - 1]) || text[i - 1] == '.' || char.IsAsciiLetter(text[i - 1]))))
            {
                i++;
                continue;
            }
            var start = i;
            var end = ReadNumber(text, i);
            var unitStart = end;
            while (unitStart < text.Length && text[unitStart] == ' ')
            {
                unitStart++;
            }
            var (multiplier, unitLength) = MoneyUnit(text, unitStart);
            if (multiplier == 0 || !DeclarationText.TryParseDecimal(WithoutCommas(text.AsSpan(start, end - start)), out var number))
            {
                i = Math.Max(end, i + 1);
                continue;
            }
            var after = unitStart + unitLength;
            while (after < text.Length && text[after] == ' ')
            {
                after++;
            }
            var isFactor = after < text.Length && text[after] is '×' or '*' or 'x' or 'X' or '÷' or '/';
            var isRate = PrecededByEach(text, start);
            result.Add(new BasisAmount(number * multiplier, start, isFactor || isRate, MarkerBefore(text, start)));
            i = after;
        }
        return result;
    }

    private static int ReadNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        // Thousands groups: ",ddd" not followed by another digit.
        while (i + 3 < text.Length && text[i] == ',' && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2])
            && char.IsAsciiDigit(text[i + 3]) && (i + 4 >= text.Length || !char.IsAsciiDigit(text[i + 4])))
        {
            i += 4;
        }
        if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        return i;
    }

    private static ReadOnlySpan<char> WithoutCommas(ReadOnlySpan<char> number) =>
        number.Contains(',') ? number.ToString().Replace(",", "", StringComparison.Ordinal) : number;

    // 元 multiplier and unit length at position, or (0, 0) when no money unit follows.
    private static (decimal Multiplier, int Length) MoneyUnit(string text, int at)
    {
        var rest = text.AsSpan(at);
        if (rest.StartsWith("亿元", StringComparison.Ordinal))
        {
            return (100_000_000m, 2);
        }
        if (rest.StartsWith("万元", StringComparison.Ordinal))
        {
            return (10_000m, 2);
        }
        if (rest.StartsWith("千元", StringComparison.Ordinal))
        {
            return (1_000m, 2);
        }
        if (rest.StartsWith("元", StringComparison.Ordinal))
        {
            return (1m, 1);
        }
        // A bare 万 is money only when no measure word follows (8万, vs 3万人次).
        if (rest.StartsWith("万", StringComparison.Ordinal) && (rest.Length == 1 || !DeclarationText.IsHan(rest[1])))
        {
            return (10_000m, 1);
        }
        return (0m, 0);
    }

    private static bool PrecededByEach(string text, int start)
    {
        for (var j = start - 1; j >= 0 && j >= start - 6; j--)
        {
            var c = text[j];
            if (c == '每')
            {
                return true;
            }
            if (!DeclarationText.IsHan(c))
            {
                return false;
            }
        }
        return false;
    }

    private static string? MarkerBefore(string text, int start)
    {
        var j = start;
        while (j > 0 && text[j - 1] is ' ' or ':' or '为')
        {
            j--;
        }
        var before = text.AsSpan(0, j);
        foreach (var marker in GrandMarkers)
        {
            if (before.EndsWith(marker, StringComparison.Ordinal))
            {
                return marker;
            }
        }
        foreach (var marker in SubMarkers)
        {
            if (before.EndsWith(marker, StringComparison.Ordinal))
            {
                return marker;
            }
        }
        return null;
    }

    private static List<int> FindPurposeMarkers(string text)
    {
        var starts = new List<int>();
        var at = 0;
        while ((at = text.IndexOf("用途", at, StringComparison.Ordinal)) >= 0)
        {
            var next = at + 2;
            if (next < text.Length && (char.IsAsciiDigit(text[next]) || ChineseDigits.Contains(text[next], StringComparison.Ordinal)))
            {
                starts.Add(at);
            }
            at = next;
        }
        return starts;
    }

    // Sequential 1. 2. 3. (or 1、 (1)) markers at clause starts; at least two make a list.
    private static List<int> FindNumberedMarkers(string text)
    {
        var starts = new List<int>();
        var from = 0;
        for (var n = 1; n < 100; n++)
        {
            var found = FindNumberedMarker(text, n, from);
            if (found < 0)
            {
                break;
            }
            starts.Add(found);
            from = found + 1;
        }
        return starts.Count >= 2 ? starts : [];
    }

    private static int FindNumberedMarker(string text, int n, int from)
    {
        var label = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var at = from;
        while ((at = text.IndexOf(label, at, StringComparison.Ordinal)) >= 0)
        {
            var after = at + label.Length;
            var prev = at > 0 ? text[at - 1] : '\n';
            var next = after < text.Length ? text[after] : '\0';
            var follower = after + 1 < text.Length ? text[after + 1] : '\0';
            var clauseStart = prev is '\n' or '。' or ';' or '；';
            var listStart = clauseStart || prev is '.' or ':' or ',' or ' ' or '、' or '元' or '万';
            if (!char.IsAsciiDigit(prev) && prev != '(' && next is '.' or '、' && listStart
                && (!char.IsAsciiDigit(follower) || clauseStart))
            {
                return at;
            }
            if (prev == '(' && next == ')')
            {
                return at - 1;
            }
            at = after;
        }
        return -1;
    }
}
