using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Tests.Builders;

namespace PerfWorkflow.Workflows.Tests.Declarations;

/// <summary>Validates builder forms with default policy and picks out the findings of one rule.</summary>
public abstract class ValidatorTestBase
{
    protected static DeclarationValidator Validator { get; } = new(new DeclarationRulesOptions());

    protected static DeclarationFormBuilder Valid() => new();

    protected static IReadOnlyList<Finding> Validate(DeclarationFormBuilder builder) => Validator.Validate(builder.Build());

    protected static List<Finding> FindingsOf(string rule, DeclarationFormBuilder builder) =>
        Validate(builder).Where(f => f.Rule == rule).ToList();

    protected static Finding Single(string rule, DeclarationFormBuilder builder) => Assert.Single(FindingsOf(rule, builder));

    protected static void None(string rule, DeclarationFormBuilder builder) => Assert.Empty(FindingsOf(rule, builder));

    protected static int Row(DeclarationFormBuilder builder, string level2) => DeclarationFormBuilder.IndexOf(builder.Build(), level2);
}
