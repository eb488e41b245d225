using Microsoft.Extensions.Logging;

namespace Topo.Cli.Output;

/// <summary>
/// <c>-v</c>: log lines on the command's error writer, <c>topo: debug: ...</c>, written at once
/// (no background queue) so they interleave truthfully with the step lines.
/// </summary>
public sealed class TerminalLoggerProvider(TextWriter error, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(error, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriter error, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            error.WriteLine($"topo: {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
        }
    }
}
