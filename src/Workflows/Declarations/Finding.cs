using System.Text.Json.Serialization;

namespace PerfWorkflow.Workflows.Declarations;

/// <summary>error blocks submit and acceptance; warning may be acknowledged; info is advice (docs/domain.md §3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("error")] Error,
}

/// <summary>A rule failure the user can fix: stable rule id, severity, dotted field path, zh-CN message saying how to fix it.</summary>
public sealed record Finding(string Rule, Severity Severity, string Field, string Message);
