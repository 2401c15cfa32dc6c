namespace PerfWorkflow.Workflows.Route;

/// <summary>Wire names of declaration actions (docs/architecture.md §8) and their mapping onto the route's triggers.</summary>
public static class ActionNames
{
    public const string Submit = "submit";
    public const string Withdraw = "withdraw";
    public const string Accept = "accept";
    public const string Return = "return";
    public const string Exclude = "exclude";
    public const string Include = "include";
    public const string Approve = "approve";
    public const string Reassign = "reassign";
    public const string Claim = "claim";

    /// <summary>Audit only, not an action anyone takes: a calendar change moved the due date (截止日期调整).</summary>
    public const string DueMoved = "due-moved";

    public static IReadOnlyList<string> All { get; } = [Submit, Withdraw, Accept, Return, Exclude, Include, Approve, Reassign, Claim];

    /// <summary>The wire name a trigger is offered under.</summary>
    public static string Of(DeclarationTrigger trigger) => trigger switch
    {
        DeclarationTrigger.Submit => Submit,
        DeclarationTrigger.Withdraw => Withdraw,
        DeclarationTrigger.Accept or DeclarationTrigger.FinanceAccept => Accept,
        DeclarationTrigger.ReturnToSection or DeclarationTrigger.ReturnToOffice or DeclarationTrigger.FinanceReturn => Return,
        DeclarationTrigger.Exclude => Exclude,
        DeclarationTrigger.Include => Include,
        DeclarationTrigger.Approve => Approve,
        // Package-driven moves are offered on the package, not on the declaration.
        _ => "",
    };

    /// <summary>The trigger a wire action means in a stage (return has three meanings).</summary>
    public static DeclarationTrigger? ToTrigger(string action, DeclarationStage stage, string? to) => action switch
    {
        Submit => DeclarationTrigger.Submit,
        Withdraw => DeclarationTrigger.Withdraw,
        Accept => stage == DeclarationStage.SubmittedToFinance ? DeclarationTrigger.FinanceAccept : DeclarationTrigger.Accept,
        Return => stage switch
        {
            DeclarationStage.SubmittedToFinance => DeclarationTrigger.FinanceReturn,
            DeclarationStage.BureauReview when string.Equals(to, "office", StringComparison.OrdinalIgnoreCase) => DeclarationTrigger.ReturnToOffice,
            _ => DeclarationTrigger.ReturnToSection,
        },
        Exclude => DeclarationTrigger.Exclude,
        Include => DeclarationTrigger.Include,
        Approve => DeclarationTrigger.Approve,
        _ => null,
    };
}
