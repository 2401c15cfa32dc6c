namespace PerfWorkflow.Workflows.Declarations;

/// <summary>Runs the rule catalogue of DOMAIN.md §3 over a form. Policy values come from <see cref="DeclarationRulesOptions"/>.</summary>
public sealed class DeclarationValidator(DeclarationRulesOptions options)
{
    public DeclarationRulesOptions Options { get; } = options;

    // Placeholder until the rule catalogue lands (issue 3).
    public IReadOnlyList<Finding> Validate(DeclarationForm form) => Options.RegionCode.Length > 0 && form is not null ? [] : [];
}
