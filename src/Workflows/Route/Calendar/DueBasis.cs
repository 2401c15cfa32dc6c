namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>
/// What a due date was counted from, so that it can be counted again when the working-day calendar changes
/// (docs/domain.md §5): one of the budget cycle's stage deadlines (counted back from finance's due date), or the short
/// due date of a return (counted forward from the instant in <c>DueCountedFrom</c>).
/// </summary>
public enum DueBasis
{
    /// <summary><see cref="CycleDeadlines.Draft"/>: 科室 submit.</summary>
    CycleDraft,

    /// <summary><see cref="CycleDeadlines.OfficeReview"/>: 办公室 has accepted or returned.</summary>
    CycleOfficeReview,

    /// <summary><see cref="CycleDeadlines.BureauReview"/>: 局领导 have approved.</summary>
    CycleBureauReview,

    /// <summary><see cref="CycleDeadlines.SubmissionToFinance"/>: the package is submitted to 区财政.</summary>
    CycleSubmission,

    /// <summary><see cref="DeadlinePolicy.ForReturned"/>: the returned (or re-included) declaration's working days after the instant it was returned.</summary>
    Returned,
}
