using System.ComponentModel.DataAnnotations;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Tests.Declarations;

public class DeclarationRulesOptionsTests
{
    private static List<ValidationResult> Check(DeclarationRulesOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Defaults_AreValid_AndCarryThePolicyValues()
    {
        var options = new DeclarationRulesOptions();

        Assert.Empty(Check(options));
        Assert.Equal(("440304", 2024, 40, 2000, 0.005m), (options.RegionCode, options.BudgetYear, options.NameMaxLength, options.GoalMaxLength, options.AmountMismatchTolerance));
        Assert.Equal(["因素法", "项目法", "因素法和项目法"], options.AllocationMethods);
    }

    [Theory]
    [InlineData("44030")]
    [InlineData("abcdef")]
    public void Validation_RejectsARegionCodeThatIsNotSixDigits(string code) =>
        Assert.NotEmpty(Check(new DeclarationRulesOptions { RegionCode = code }));

    [Fact]
    public void Validation_RejectsAnInvertedSatisfactionBand() =>
        Assert.NotEmpty(Check(new DeclarationRulesOptions { SatisfactionMinPercent = 100m, SatisfactionMaxPercentExclusive = 90m }));

    [Fact]
    public void Validation_RejectsAnEmptyAllocationMethodList() =>
        Assert.NotEmpty(Check(new DeclarationRulesOptions { AllocationMethods = [] }));
}
