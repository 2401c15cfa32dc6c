using System.Collections.Frozen;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>
/// The working-day calendar loaded from a folder of year files (<c>2024.json</c>, …). Readers see an immutable
/// snapshot; <see cref="Reload"/> validates the whole folder first and swaps only when every file is valid.
/// </summary>
public sealed class WorkingDayCalendar : IWorkingDayCalendar
{
    private readonly string _folder;
    private readonly Lock _reloadLock = new();
    private volatile Snapshot _snapshot;

    /// <summary>Loads every <c>*.json</c> file of <paramref name="folder"/>; throws <see cref="CalendarConfigurationException"/> on any bad file.</summary>
    public WorkingDayCalendar(string folder)
    {
        _folder = folder;
        _snapshot = Load(folder);
    }

    /// <summary>A calendar over the given years, without files (tests, previews of an uploaded file).</summary>
    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        _folder = "";
        _snapshot = new Snapshot(years.ToList());
    }

    public string Folder => _folder;

    public IReadOnlyList<CalendarYear> Years => _snapshot.Years;

    /// <summary>
    /// Re-reads the folder (an admin added or corrected a year file). On a bad file it throws and the calendar keeps
    /// the years it had, so a typo never leaves the application without a calendar.
    /// </summary>
    public void Reload()
    {
        if (_folder.Length == 0)
        {
            throw new InvalidOperationException("This calendar was built from years in memory and has no folder to reload.");
        }
        lock (_reloadLock)
        {
            _snapshot = Load(_folder);
        }
    }

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

    private static Snapshot Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new CalendarConfigurationException(folder, null, "日历目录不存在。");
        }
        var files = Directory.GetFiles(folder, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return new Snapshot(files.Select(CalendarYearFile.Read).ToList());
    }

    /// <summary>One consistent view of all loaded years; never mutated after construction.</summary>
    private sealed class Snapshot
    {
        private readonly FrozenDictionary<int, CalendarYear> _years;
        private readonly FrozenDictionary<DateOnly, CalendarDay> _specialDays;

        public Snapshot(List<CalendarYear> years)
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
            _years = byYear.ToFrozenDictionary();
            _specialDays = special.ToFrozenDictionary();
            Years = [.. years.OrderBy(y => y.Year)];
        }

        public IReadOnlyList<CalendarYear> Years { get; }

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
