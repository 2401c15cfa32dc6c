using System.Globalization;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

/// <summary>
/// The 测算依据 corpus (Corpus/calculation-basis.tsv, docs/rules.md): for each line the total the validator checks (the
/// stated 合计, else the itemised sum) and the estimate the importer uses. A form whose 本年度项目金额 is that total draws
/// no AMOUNT_BASIS_MISMATCH and no AMOUNT_BASIS_AMBIGUOUS.
/// </summary>
public sealed class CalculationBasisCorpusTests : ValidatorTestBase
{
    private sealed record Entry(int Line, string Text, decimal? Checked, decimal? Estimated, string Note);

    private static readonly IReadOnlyList<Entry> Entries = Load();

    private static List<Entry> Load()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Declarations", "Corpus", "calculation-basis.tsv"));
        var entries = new List<Entry>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }
            var c = lines[i].Split('\t');
            entries.Add(new Entry(i + 1, c[0].Replace("\\n", "\n", StringComparison.Ordinal), Amount(c[1]), Amount(c[2]), c[3]));
        }
        return entries;
    }

    private static decimal? Amount(string cell) => cell == "-" ? null : decimal.Parse(cell, CultureInfo.InvariantCulture);

    [Fact]
    public void Corpus_HoldsAtLeast60Lines()
    {
        Assert.True(Entries.Count >= 60, $"only {Entries.Count} lines");
        Assert.Equal(Entries.Count, Entries.Select(e => e.Text).Distinct().Count());
    }

    [Fact]
    public void EveryLine_YieldsItsExpectedAmounts()
    {
        var wrong = new List<string>();
        foreach (var e in Entries)
        {
            var basis = CalculationBasisAmounts.Read(e.Text);
            var got = basis.StatedTotal ?? basis.ItemisedTotal;
            if (got != e.Checked || basis.EstimatedTotal != e.Estimated)
            {
                wrong.Add($"line {e.Line} ({e.Note}): expected {e.Checked}/{e.Estimated}, got {got}/{basis.EstimatedTotal} (items {string.Join("+", basis.ItemAmounts)}, stated {basis.StatedTotal})");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void AFormWhoseAmountIsTheTotal_DrawsNoAmountFinding()
    {
        var wrong = new List<string>();
        foreach (var e in Entries.Where(e => e.Checked is not null))
        {
            var amount = e.Checked!.Value;
            var findings = Validate(Valid().With(f =>
            {
                f.CalculationBasis = e.Text;
                f.CurrentYearAmountYuan = amount;
                f.TotalAmountYuan = amount * 3;
            })).Where(f => f.Rule is RuleIds.AmountBasisMismatch or RuleIds.AmountBasisAmbiguous or RuleIds.CalcBasisNoAmounts).ToList();
            if (findings.Count > 0)
            {
                wrong.Add($"line {e.Line} ({e.Note}): {string.Join("; ", findings.Select(f => f.Message))}");
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
