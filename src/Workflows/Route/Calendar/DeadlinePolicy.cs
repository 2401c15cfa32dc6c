namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>A due date: the day, the instant it falls due (end of that working day, +08:00), and whether a year it was
/// counted across has no confirmed calendar (then the UI marks it provisional).</summary>
public sealed record Deadline(DateOnly Date, DateTimeOffset DueAt, bool IsProvisional)
{
    /// <summary>What the date was counted from (stored with it, so a calendar edit can count it again); null when unknown.</summary>
    public DueBasis? Basis { get; init; }

    /// <summary>For <see cref="DueBasis.Returned"/>: the instant the working days were counted from.</summary>
    public DateTimeOffset? CountedFrom { get; init; }

    /// <summary>Overdue = still open after the due instant (docs/domain.md §5).</summary>
    public bool IsOverdueAt(DateTimeOffset now) => now > DueAt;
}

/// <summary>
/// The stage deadlines of a budget cycle, latest first as they are computed: each stage is due the working days
/// reserved for the next stage before that stage's deadline.
/// </summary>
/// <param name="DraftStart">Recommended start of drafting (informational; nothing is due then).</param>
/// <param name="Draft">科室 submit their declarations (stage Draft).</param>
/// <param name="OfficeReview">办公室 has accepted or returned every declaration (stages OfficeReview → Consolidated).</param>
/// <param name="BureauReview">局领导 have approved the package (stage BureauReview).</param>
/// <param name="SubmissionToFinance">The package is submitted to 区财政 (stage Approved → SubmittedToFinance): finance's 一上 date.</param>
public sealed record CycleDeadlines(
    Deadline DraftStart,
    Deadline Draft,
    Deadline OfficeReview,
    Deadline BureauReview,
    Deadline SubmissionToFinance);

/// <summary>Computes due dates backwards from finance's due date in working days (docs/domain.md §5).</summary>
public sealed class DeadlinePolicy(IWorkingDayCalendar calendar)
{
    public CycleDeadlines ForCycle(DeadlineOptions options)
    {
        var financeDue = options.FinanceDueDate
            ?? throw new InvalidOperationException("DeadlineOptions.FinanceDueDate is not configured.");
        var bureau = calendar.AddWorkingDays(financeDue, -options.SubmissionWorkingDays);
        var office = calendar.AddWorkingDays(bureau, -options.BureauReviewWorkingDays);
        var draft = calendar.AddWorkingDays(office, -options.OfficeReviewWorkingDays);
        var draftStart = calendar.AddWorkingDays(draft, -options.DraftWorkingDays);

        // Every stage deadline depends on the whole backward count, so one unconfirmed year marks them all.
        var provisional = calendar.IsProvisional(draftStart, financeDue);
        Deadline At(DateOnly date, DueBasis? basis) => new(date, ChinaTime.At(date, options.EndOfWorkingDay), provisional) { Basis = basis };
        return new CycleDeadlines(
            At(draftStart, null), At(draft, DueBasis.CycleDraft), At(office, DueBasis.CycleOfficeReview),
            At(bureau, DueBasis.CycleBureauReview), At(financeDue, DueBasis.CycleSubmission));
    }

    /// <summary>
    /// The due date <paramref name="basis"/> gives on this policy's calendar: the cycle's stage deadline, or for a return
    /// the working days after <paramref name="countedFrom"/> (null when that instant is unknown).
    /// </summary>
    public Deadline? Recount(DueBasis basis, DateTimeOffset? countedFrom, DeadlineOptions options) => basis switch
    {
        DueBasis.CycleDraft => ForCycle(options).Draft,
        DueBasis.CycleOfficeReview => ForCycle(options).OfficeReview,
        DueBasis.CycleBureauReview => ForCycle(options).BureauReview,
        DueBasis.CycleSubmission => ForCycle(options).SubmissionToFinance,
        _ => countedFrom is { } from ? ForReturned(from, options) : null,
    };

    /// <summary>
    /// The short due date of a declaration returned at <paramref name="returnedAt"/>: the end of the
    /// <see cref="DeadlineOptions.ReturnedWorkingDays"/>-th working day after it. A return after the end of a working
    /// day counts from the next day, so the 科室 always get the full number of working days.
    /// </summary>
    public Deadline ForReturned(DateTimeOffset returnedAt, DeadlineOptions options)
    {
        var local = ChinaTime.ToChina(returnedAt);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= options.EndOfWorkingDay)
        {
            day = day.AddDays(1);
        }
        var due = calendar.AddWorkingDays(day, options.ReturnedWorkingDays);
        return new Deadline(due, ChinaTime.At(due, options.EndOfWorkingDay), calendar.IsProvisional(day, due))
        {
            Basis = DueBasis.Returned,
            CountedFrom = returnedAt,
        };
    }
}
