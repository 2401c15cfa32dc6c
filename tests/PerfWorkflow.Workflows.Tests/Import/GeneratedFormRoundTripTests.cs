using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Import;

namespace PerfWorkflow.Workflows.Tests.Import;

public sealed class GeneratedFormRoundTripTests
{
    [Fact]
    public void Import_ReadsBackEveryGeneratedForm_AsTheWriterPrintedIt()
    {
        var generated = new DeclarationGenerator(new DeclarationRulesOptions()).Generate(seed: 11, count: 500, defectRate: 0.5)
            .Select(g => g.Form).ToList();

        var result = TextFormReader.Read(TextFormWriter.WriteAll(generated));

        Assert.Empty(result.Errors);
        Assert.Equal(generated.Count, result.Forms.Count);
        for (var i = 0; i < generated.Count; i++)
        {
            Assert.Equal(Comparable(generated[i]).ToString(), Comparable(result.Forms[i].Form).ToString());
            Assert.Empty(result.Forms[i].Form.UnplacedText);
        }
    }

    [Fact]
    public void ImportThenValidate_FindsTheSameFindings_AsValidatingTheGeneratedForm()
    {
        var validator = new DeclarationValidator(new DeclarationRulesOptions());
        var generated = new DeclarationGenerator(new DeclarationRulesOptions()).Generate(seed: 5, count: 300, defectRate: 0.5)
            .Select(g => g.Form).ToList();

        var imported = TextFormReader.Read(TextFormWriter.WriteAll(generated)).Forms;

        for (var i = 0; i < generated.Count; i++)
        {
            Assert.Equal(Keys(validator.Validate(generated[i])), Keys(validator.Validate(imported[i].Form)));
        }
    }

    private static List<(string, Severity, string)> Keys(IReadOnlyList<Finding> findings) => [.. findings.Select(f => (f.Rule, f.Severity, f.Field))];

    // What the text format carries: trimmed values and texts; cells trimmed, their inner spaces printed as U+3000 so they stay one cell.
    private static object Comparable(DeclarationForm form) => new
    {
        Fields = string.Join('|', form.Code.Trim(), form.Name.Trim(), form.ApplicantUnit.Trim(), form.BudgetUnit.Trim(), form.PeriodYears,
            form.ProjectType, form.IsNew, form.AllocationMethod.Trim(), Amount(form.TotalAmountYuan), Amount(form.CurrentYearAmountYuan), form.PolicyBasis.Trim(), form.CalculationBasis.Trim(),
            form.AnnualGoal.Trim(), form.LongTermGoal.Trim()),
        Rows = string.Join('\n', form.Indicators.Select(r =>
            $"{r.Level1}|{IndicatorSkeleton.Find(r.Level2)?.Level2}|{Cell(r.Name)}|{Cell(r.Value)}|{Cell(r.Explanation)}|{r.NotApplicable}")),
    };

    private static string? Amount(decimal? yuan) => yuan?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Trim().Replace(' ', '\u3000');
}
