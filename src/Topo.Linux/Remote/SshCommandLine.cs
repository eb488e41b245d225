using System.Text;

namespace Topo.Linux.Remote;

/// <summary>
/// The ssh argument list for one command on one host. ssh hands the far side one string that its
/// login shell splits again, so every word is quoted for a POSIX shell here.
/// </summary>
public static class SshCommandLine
{
    public static IReadOnlyList<string> For(RemoteHost host, SshOptions options, IReadOnlyList<string> arguments)
    {
        List<string> line = [];
        if (options.ConfigFile is { } config) line.AddRange(["-F", config]);
        line.AddRange(Option("BatchMode", "yes"));
        line.AddRange(Option("ConnectTimeout", Seconds(options.ConnectTimeout)));
        line.AddRange(Option("ControlMaster", "auto"));
        // %C, a hash of the local host, remote host, port and user, is one short name per connection.
        line.AddRange(Option("ControlPath", Path.Combine(options.ControlDirectory, "%C")));
        line.AddRange(Option("ControlPersist", Seconds(options.ControlPersist)));
        // No terminal: the lab file goes in and JSON comes back byte for byte.
        line.Add("-T");
        line.Add("--");
        line.Add(host.SshTarget);
        line.Add(string.Join(' ', options.RemoteCommand.Concat(arguments).Select(Quote)));
        return line;
    }

    /// <summary>The word as a POSIX shell reads it back unchanged: bare when it is plainly safe, else in single quotes.</summary>
    public static string Quote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "_./=:@%+,-".Contains(c))) return word;
        var quoted = new StringBuilder("'");
        foreach (var c in word) quoted.Append(c == '\'' ? "'\\''" : c);
        return quoted.Append('\'').ToString();
    }

    private static string[] Option(string name, string value) => ["-o", $"{name}={value}"];

    private static string Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
