namespace PerfWorkflow.Workflows.Route;

/// <summary>Stages of a declaration (docs/architecture.md §3); the names are the wire names.</summary>
public enum DeclarationStage
{
    Draft,
    OfficeReview,
    Consolidated,
    BureauReview,
    Approved,
    SubmittedToFinance,
    Finalized,

    /// <summary>不纳入汇总: left out of this cycle's package by the office, with a reason.</summary>
    Excluded,
}

/// <summary>Triggers of the declaration machine. Several wire actions map onto one of these by stage and role.</summary>
public enum DeclarationTrigger
{
    Submit,
    Withdraw,
    Accept,
    ReturnToSection,
    ReturnToOffice,
    Exclude,
    Include,
    EnterBureauReview,
    Approve,
    SubmitToFinance,
    FinanceReturn,
    FinanceAccept,
}

/// <summary>Stages of the bureau's package for one cycle.</summary>
public enum PackageStage
{
    Collecting,
    BureauReview,
    Approved,
    SubmittedToFinance,
    FinanceReviewing,
    Accepted,
}

public enum PackageTrigger
{
    SubmitForReview,
    Approve,
    SubmitToFinance,
    FinanceReturn,
    Accept,
}
