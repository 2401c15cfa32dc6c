namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>A calendar file that cannot be used: a configuration error, reported with the file and the entry at fault.</summary>
public sealed class CalendarConfigurationException : Exception
{
    public CalendarConfigurationException()
    {
    }

    public CalendarConfigurationException(string message)
        : base(message)
    {
    }

    public CalendarConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CalendarConfigurationException(string fileName, string? entry, string problem, Exception? innerException = null)
        : base(Compose(fileName, entry, problem), innerException)
    {
        FileName = fileName;
        Entry = entry;
    }

    /// <summary>The year file at fault (name only), or the folder when no file is.</summary>
    public string? FileName { get; }

    /// <summary>The entry at fault, e.g. <c>workdays[2]</c>; null when the whole file is.</summary>
    public string? Entry { get; }

    private static string Compose(string fileName, string? entry, string problem) =>
        entry is null ? $"日历文件 {fileName}：{problem}" : $"日历文件 {fileName} 的 {entry}：{problem}";
}
