using System.Collections.Frozen;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>
/// The working-day calendar loaded from a folder of year files (<c>2024.json</c>, …). Readers see an immutable
/// snapshot; <see cref="Reload"/> validates the whole folder first and swaps only when every file is valid.
/// Admin edits (<see cref="CalendarOverride"/>) apply on top of the files through <see cref="ApplyOverrides"/>.
/// </summary>
public sealed class WorkingDayCalendar : IWorkingDayCalendar
{
    /// <summary>How errors in admin edits name their source (in place of a file name).</summary>
    public const string OverridesSource = "管理员调整";

    private readonly string _folder;
    private readonly Lock _reloadLock = new();
    private volatile Snapshot _snapshot;
    private List<CalendarYear> _fileYears;
    private FrozenDictionary<DateOnly, CalendarOverride> _overrides = FrozenDictionary<DateOnly, CalendarOverride>.Empty;

    /// <summary>Loads every <c>*.json</c> file of <paramref name="folder"/>; throws <see cref="CalendarConfigurationException"/> on any bad file.</summary>
    public WorkingDayCalendar(string folder)
    {
        _folder = folder;
        _fileYears = Load(folder);
        _snapshot = new Snapshot(_fileYears, _overrides);
    }

    /// <summary>A calendar over the given years, without files (tests, previews of an uploaded file).</summary>
    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        _folder = "";
        _fileYears = years.ToList();
        _snapshot = new Snapshot(_fileYears, _overrides);
    }

    public string Folder => _folder;

    /// <summary>The year files as loaded, without admin edits.</summary>
    public IReadOnlyList<CalendarYear> Years => _snapshot.Years;

    /// <summary>The admin edit in force for each edited date (the latest row of the date).</summary>
    public IReadOnlyDictionary<DateOnly, CalendarOverride> Overrides => _overrides;

    /// <summary>
    /// Re-reads the folder (an admin added or corrected a year file). On a bad file it throws and the calendar keeps
    /// the years it had, so a typo never leaves the application without a calendar.
    /// </summary>
    public void Reload() => Reload(ReadFolder());

    /// <summary>Puts year files read by <see cref="ReadFolder"/> in force (the admin edits stay); throws and changes nothing when the edits do not fit them.</summary>
    public void Reload(IReadOnlyList<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        lock (_reloadLock)
        {
            var loaded = years.ToList();
            _snapshot = new Snapshot(loaded, _overrides);
            _fileYears = loaded;
        }
    }

    /// <summary>Reads and validates the folder's year files without putting them in force; throws <see cref="CalendarConfigurationException"/> on a bad file.</summary>
    public IReadOnlyList<CalendarYear> ReadFolder()
    {
        if (_folder.Length == 0)
        {
            throw new InvalidOperationException("This calendar was built from years in memory and has no folder to reload.");
        }
        return Load(_folder);
    }

    /// <summary>
    /// A calendar of these year files with these admin edits: what an edit or a reload would put in force, so that due
    /// dates can be counted on it before it is. Throws <see cref="CalendarConfigurationException"/> when the edits do not fit the files.
    /// </summary>
    public static WorkingDayCalendar Preview(IEnumerable<CalendarYear> years, IEnumerable<CalendarOverride> overrides)
    {
        var preview = new WorkingDayCalendar(years);
        preview.ApplyOverrides(overrides);
        return preview;
    }

    /// <summary>
    /// Puts the admin edits (all rows, any order; the highest id of a date wins) in force on top of the files. An edit
    /// the files no longer allow — a make-up day not on a weekend, a year not confirmed — throws and changes nothing.
    /// </summary>
    public void ApplyOverrides(IEnumerable<CalendarOverride> rows)
    {
        var latest = rows.GroupBy(r => r.Date).Select(g => g.MaxBy(r => r.Id)!).ToFrozenDictionary(r => r.Date);
        lock (_reloadLock)
        {
            var snapshot = new Snapshot(_fileYears, latest);
            _overrides = latest;
            _snapshot = snapshot;
        }
    }

    /// <summary>The holidays and make-up days of a year in force (files and admin edits), in date order.</summary>
    public IReadOnlyList<CalendarDay> SpecialDays(int year) => _snapshot.SpecialDays(year);

    public bool IsWorkingDay(DateOnly date) => _snapshot.IsWorkingDay(date);

    public CalendarDay Describe(DateOnly date) => _snapshot.Describe(date);

    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        var snapshot = _snapshot;
        var step = Math.Sign(workingDays);
        var left = Math.Abs(workingDays);
        var day = date;
        while (left > 0)
        {
            day = day.AddDays(step);
            if (snapshot.IsWorkingDay(day))
            {
                left--;
            }
        }
        return day;
    }

    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var snapshot = _snapshot;
        var (start, end, sign) = from <= to ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var day = start.AddDays(1); day <= end; day = day.AddDays(1))
        {
            if (snapshot.IsWorkingDay(day))
            {
                count++;
            }
        }
        return sign * count;
    }

    public CalendarYearStatus GetYearStatus(int year) => _snapshot.GetYearStatus(year);

    public bool IsProvisional(DateOnly from, DateOnly to)
    {
        var snapshot = _snapshot;
        var (first, last) = from.Year <= to.Year ? (from.Year, to.Year) : (to.Year, from.Year);
        for (var year = first; year <= last; year++)
        {
            if (snapshot.GetYearStatus(year) != CalendarYearStatus.Confirmed)
            {
                return true;
            }
        }
        return false;
    }

    private static List<CalendarYear> Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CalendarConfigurationException(folder, null, "日历目录不存在。");
        }
        var files = Directory.GetFiles(folder, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return files.Select(CalendarYearFile.Read).ToList();
    }

    /// <summary>One consistent view of all loaded years; never mutated after construction.</summary>
    private sealed class Snapshot
    {
        private readonly FrozenDictionary<int, CalendarYear> _years;
        private readonly FrozenDictionary<DateOnly, CalendarDay> _specialDays;

        public Snapshot(List<CalendarYear> years, IReadOnlyDictionary<DateOnly, CalendarOverride> overrides)
        {
            var byYear = new Dictionary<int, CalendarYear>();
            var special = new Dictionary<DateOnly, CalendarDay>();
            foreach (var year in years)
            {
                if (!byYear.TryAdd(year.Year, year))
                {
                    throw new CalendarConfigurationException(year.FileName, "year", $"{year.Year} 年已由 {byYear[year.Year].FileName} 定义。");
                }
                foreach (var holiday in year.Holidays)
                {
                    for (var day = holiday.From; day <= holiday.To; day = day.AddDays(1))
                    {
                        special[day] = new CalendarDay(day, CalendarDayKind.Holiday, holiday.Name, IsProvisional: false);
                    }
                }
                foreach (var workday in year.Workdays)
                {
                    special[workday.Date] = new CalendarDay(workday.Date, CalendarDayKind.MakeUpWorkday, workday.For, IsProvisional: false);
                }
            }
            foreach (var edit in overrides.Values)
            {
                Apply(byYear, special, edit);
            }
            _years = byYear.ToFrozenDictionary();
            _specialDays = special.ToFrozenDictionary();
            Years = [.. years.OrderBy(y => y.Year)];
        }

        public IReadOnlyList<CalendarYear> Years { get; }

        public IReadOnlyList<CalendarDay> SpecialDays(int year) =>
            [.. _specialDays.Values.Where(d => d.Date.Year == year).OrderBy(d => d.Date)];

        private static void Apply(Dictionary<int, CalendarYear> years, Dictionary<DateOnly, CalendarDay> special, CalendarOverride edit)
        {
            var date = edit.Date;
            var entry = $"#{edit.Id}（{CalendarYearFile.Iso(date)}）";
            if (!years.TryGetValue(date.Year, out var year) || !year.Confirmed)
            {
                throw new CalendarConfigurationException(OverridesSource, entry, $"{date.Year} 年的节假日安排未载入或未确认，不能调整。");
            }
            switch (edit.Kind)
            {
                case CalendarOverrideKind.Holiday:
                    special[date] = new CalendarDay(date, CalendarDayKind.Holiday, edit.HolidayName, IsProvisional: false);
                    break;
                case CalendarOverrideKind.MakeUpWorkday when IsWeekend(date):
                    special[date] = new CalendarDay(date, CalendarDayKind.MakeUpWorkday, edit.HolidayName, IsProvisional: false);
                    break;
                case CalendarOverrideKind.MakeUpWorkday:
                    throw new CalendarConfigurationException(OverridesSource, entry, "调休上班日必须是星期六或星期日（工作日本来就上班）。");
                default:
                    special.Remove(date);
                    break;
            }
        }

        public CalendarYearStatus GetYearStatus(int year) =>
            !_years.TryGetValue(year, out var loaded) ? CalendarYearStatus.Missing
            : loaded.Confirmed ? CalendarYearStatus.Confirmed
            : CalendarYearStatus.Unconfirmed;

        public bool IsWorkingDay(DateOnly date) =>
            _specialDays.TryGetValue(date, out var special)
                ? special.Kind == CalendarDayKind.MakeUpWorkday
                : !IsWeekend(date);

        public CalendarDay Describe(DateOnly date)
        {
            if (_specialDays.TryGetValue(date, out var special))
            {
                return special;
            }
            var provisional = GetYearStatus(date.Year) != CalendarYearStatus.Confirmed;
            return new CalendarDay(date, IsWeekend(date) ? CalendarDayKind.Weekend : CalendarDayKind.Workday, null, provisional);
        }

        private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
    }
}
