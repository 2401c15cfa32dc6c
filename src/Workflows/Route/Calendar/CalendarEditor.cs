using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>What an admin asks of one day of the calendar.</summary>
public enum CalendarEditAction
{
    AddHoliday,
    RemoveHoliday,
    AddMakeUpWorkday,
    RemoveMakeUpWorkday,
}

/// <summary>An admin's edit: the day, the holiday's name (for additions) and a note such as the notice number.</summary>
public sealed record CalendarEdit(CalendarEditAction Action, DateOnly Date, string? HolidayName, string? Note);

/// <summary>
/// The answer to an edit: applied or refused (with the reason in <see cref="Message"/>), and the open tasks and
/// declarations whose due dates it moved (counted again on the new calendar, audited, holders mailed).
/// </summary>
public sealed record CalendarEditOutcome(bool Applied, string Message, DueDateShift Moved)
{
    public static CalendarEditOutcome Refused(string message) => new(false, message, DueDateShift.None);
}

/// <summary>
/// Validates and records admin edits of the working-day calendar (<see cref="CalendarOverride"/> rows) and puts them in
/// force on this node at once; other nodes pick them up through <see cref="RefreshAsync"/> on their own schedule. The
/// due dates an edit (or a reloaded year file) moves are saved in the same transaction as the edit (<see cref="DueDateRecount"/>).
/// </summary>
public sealed class CalendarEditor(PerfWorkflowDbContext db, WorkingDayCalendar calendar, DueDateRecount recount, TimeProvider clock)
{
    /// <summary>Who a year file reload is recorded as when no admin pressed the button (a node noticed the changed file).</summary>
    public static readonly Actor System = new(Guid.Empty, "系统", UserRole.Admin, null);

    public const int MinYear = 2024;
    public const int MaxYear = 2030;
    public const int MaxNameLength = 20;
    public const int MaxNoteLength = 200;

    /// <summary>Reads every admin edit from the database into <paramref name="calendar"/> (start-up, periodic refresh, before an edit).</summary>
    public static async Task RefreshAsync(PerfWorkflowDbContext db, WorkingDayCalendar calendar, CancellationToken cancellationToken)
    {
        var rows = await db.CalendarOverrides.AsNoTracking().ToListAsync(cancellationToken);
        calendar.ApplyOverrides(rows);
    }

    /// <summary>The edits of a year, newest first (the calendar's audit trail).</summary>
    public Task<List<CalendarOverride>> HistoryAsync(int year, CancellationToken cancellationToken) =>
        db.CalendarOverrides.AsNoTracking()
            .Where(o => o.Date >= new DateOnly(year, 1, 1) && o.Date <= new DateOnly(year, 12, 31))
            .OrderByDescending(o => o.Id)
            .ToListAsync(cancellationToken);

    public async Task<CalendarEditOutcome> ApplyAsync(CalendarEdit edit, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(actor);
        // Another node may have edited a moment ago: judge the edit against the calendar as the database has it.
        var rows = await db.CalendarOverrides.AsNoTracking().ToListAsync(cancellationToken);
        calendar.ApplyOverrides(rows);

        if (Check(edit) is { } refusal)
        {
            return CalendarEditOutcome.Refused(refusal);
        }
        var row = new CalendarOverride
        {
            Date = edit.Date,
            Kind = edit.Action switch
            {
                CalendarEditAction.AddHoliday => CalendarOverrideKind.Holiday,
                CalendarEditAction.AddMakeUpWorkday => CalendarOverrideKind.MakeUpWorkday,
                _ => CalendarOverrideKind.OrdinaryDay,
            },
            HolidayName = edit.Action is CalendarEditAction.AddHoliday or CalendarEditAction.AddMakeUpWorkday ? edit.HolidayName!.Trim() : null,
            Note = edit.Note!.Trim(),
            At = clock.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = actor.Name,
        };
        db.CalendarOverrides.Add(row);
        // The due dates counted on the calendar as it is and as the edit makes it; the row's id is not known yet, and
        // the edit is the latest of its date.
        var before = WorkingDayCalendar.Preview(calendar.Years, rows);
        var after = WorkingDayCalendar.Preview(calendar.Years, [.. rows, Copy(row, rows.Count == 0 ? 1 : rows.Max(r => r.Id) + 1)]);
        var moved = await recount.StageAsync(before, after, actor, Reason(edit), cancellationToken);
        if (await SaveAsync(cancellationToken) is { } saveRefusal)
        {
            return CalendarEditOutcome.Refused(saveRefusal);
        }
        await RefreshAsync(db, calendar, cancellationToken);
        return new CalendarEditOutcome(true, Describe(edit) + MovedNote(moved), moved);
    }

    /// <summary>
    /// Reads the year files again and puts them in force, moving the due dates the changed days move (audited, holders
    /// mailed) in one transaction first. A bad file throws <see cref="CalendarConfigurationException"/> and changes nothing.
    /// </summary>
    public async Task<DueDateShift> ReloadFilesAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var years = calendar.ReadFolder();
        var rows = await db.CalendarOverrides.AsNoTracking().ToListAsync(cancellationToken);
        var before = WorkingDayCalendar.Preview(calendar.Years, rows);
        var after = WorkingDayCalendar.Preview(years, rows);
        var moved = await recount.StageAsync(before, after, actor, "年度日历文件更新", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        calendar.ApplyOverrides(rows);
        calendar.Reload(years);
        return moved;
    }

    /// <summary>Saves the edit with the due dates it moved; a declaration changed meanwhile refuses the whole edit.</summary>
    private async Task<string?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "有申报表在调整日历的同时被修改，日历没有调整。请重试。";
        }
    }

    private static CalendarOverride Copy(CalendarOverride row, long id) => new()
    {
        Id = id, Date = row.Date, Kind = row.Kind, HolidayName = row.HolidayName, Note = row.Note, At = row.At, ActorId = row.ActorId, ActorName = row.ActorName,
    };

    /// <summary>Open tasks whose due time falls on <paramref name="day"/> (China time).</summary>
    public Task<int> CountOpenTasksDueOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var start = ChinaTime.At(day, TimeOnly.MinValue);
        var end = ChinaTime.At(day.AddDays(1), TimeOnly.MinValue);
        return db.Tasks.CountAsync(t => t.CompletedAt == null && t.DueAt >= start && t.DueAt < end, cancellationToken);
    }

    private string? Check(CalendarEdit edit)
    {
        var date = edit.Date;
        var iso = Iso(date);
        if (date.Year is < MinYear or > MaxYear)
        {
            return $"只能调整 {MinYear}–{MaxYear} 年的日历，{iso} 不在此范围内。";
        }
        if (calendar.GetYearStatus(date.Year) != CalendarYearStatus.Confirmed)
        {
            return $"{date.Year} 年的节假日安排尚未载入或未确认（只按周末计算），不能逐日调整；请先在日历目录添加 {date.Year}.json 年度文件并重新载入。";
        }
        if (string.IsNullOrWhiteSpace(edit.Note))
        {
            return "请填写备注（如国务院办公厅通知文号），便于日后核对。";
        }
        if (edit.Note.Trim().Length > MaxNoteLength)
        {
            return $"备注不能超过 {MaxNoteLength} 字。";
        }
        var adds = edit.Action is CalendarEditAction.AddHoliday or CalendarEditAction.AddMakeUpWorkday;
        if (adds && string.IsNullOrWhiteSpace(edit.HolidayName))
        {
            return edit.Action == CalendarEditAction.AddHoliday ? "请填写节日名称（如“国庆节”）。" : "请填写调休所为的节日（如“国庆节”）。";
        }
        if (adds && edit.HolidayName!.Trim().Length > MaxNameLength)
        {
            return $"节日名称不能超过 {MaxNameLength} 字。";
        }
        var day = calendar.Describe(date);
        return edit.Action switch
        {
            CalendarEditAction.AddHoliday when day.Kind == CalendarDayKind.Holiday =>
                $"{iso} 已是节假日（{day.HolidayName}），无需重复添加。",
            CalendarEditAction.AddHoliday when day.Kind == CalendarDayKind.MakeUpWorkday =>
                $"{iso} 是调休上班日（{day.HolidayName}），一天不能既放假又上班；如需改为放假，请先取消该调休上班日。",
            CalendarEditAction.AddMakeUpWorkday when date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) =>
                $"{iso} 是{Weekday(date)}：调休上班日必须是星期六或星期日（工作日本来就上班）。",
            CalendarEditAction.AddMakeUpWorkday when day.Kind == CalendarDayKind.Holiday =>
                $"{iso} 是节假日（{day.HolidayName}），一天不能既放假又上班；如需改为上班，请先取消该节假日。",
            CalendarEditAction.AddMakeUpWorkday when day.Kind == CalendarDayKind.MakeUpWorkday =>
                $"{iso} 已是调休上班日（{day.HolidayName}），无需重复添加。",
            CalendarEditAction.RemoveHoliday when day.Kind != CalendarDayKind.Holiday =>
                $"{iso} 不是节假日，无可取消。",
            CalendarEditAction.RemoveMakeUpWorkday when day.Kind != CalendarDayKind.MakeUpWorkday =>
                $"{iso} 不是调休上班日，无可取消。",
            _ => null,
        };
    }

    private static string Describe(CalendarEdit edit)
    {
        var iso = Iso(edit.Date);
        return edit.Action switch
        {
            CalendarEditAction.AddHoliday => $"已将 {iso}（{Weekday(edit.Date)}）设为节假日（{edit.HolidayName!.Trim()}），不上班。",
            CalendarEditAction.AddMakeUpWorkday => $"已将 {iso}（{Weekday(edit.Date)}）设为调休上班日（{edit.HolidayName!.Trim()}）。",
            CalendarEditAction.RemoveHoliday => $"已取消 {iso}（{Weekday(edit.Date)}）的节假日，按{(IsWeekend(edit.Date) ? "周末休息" : "工作日上班")}计算。",
            _ => $"已取消 {iso}（{Weekday(edit.Date)}）的调休上班，按周末休息计算。",
        };
    }

    /// <summary>What changed, as the audit rows and the mails give the reason: 2026-12-17（星期四）设为节假日（临时放假）.</summary>
    private static string Reason(CalendarEdit edit)
    {
        var day = $"{Iso(edit.Date)}（{Weekday(edit.Date)}）";
        return edit.Action switch
        {
            CalendarEditAction.AddHoliday => $"{day}设为节假日（{edit.HolidayName!.Trim()}）",
            CalendarEditAction.AddMakeUpWorkday => $"{day}设为调休上班日（{edit.HolidayName!.Trim()}）",
            CalendarEditAction.RemoveHoliday => $"{day}取消节假日",
            _ => $"{day}取消调休上班",
        };
    }

    private static string MovedNote(DueDateShift moved) => moved == DueDateShift.None
        ? "没有未办结的待办或申报表的截止日期因此改变。"
        : $"{moved.Tasks} 项未办结待办、{moved.Declarations} 张申报表的截止日期已按新日历重新计算，记入审核记录并已邮件告知承办人。";

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static string Weekday(DateOnly date) => "星期" + "日一二三四五六"[(int)date.DayOfWeek];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
