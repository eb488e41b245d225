using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using KeySuggestions = Topo.Core.Parsing.KeySuggestions;

namespace Topo.Cli;

/// <summary>
/// A word that looks like an option but is none. System.CommandLine takes <c>--bogus</c> in
/// <c>topo check --bogus FILE</c> as the FILE and then blames the real file for being one word too
/// many; the user is told instead which option is unknown and which one was probably meant.
/// </summary>
internal static class UnknownOptions
{
    /// <summary>Says so on stderr and returns true when the parse failed on such a word.</summary>
    public static bool Report(ParseResult parse, Terminal terminal)
    {
        if (parse.Action is not ParseErrorAction) return false;
        var unknown = Find(parse);
        if (unknown.Count == 0) return false;

        var known = Known(parse.CommandResult).SelectMany(option => option.Aliases.Prepend(option.Name)).Distinct().ToList();
        foreach (var word in unknown)
        {
            var meant = KeySuggestions.Closest(word, known);
            terminal.Error.WriteLine(meant is null ? $"Unrecognized option '{word}'." : $"Unrecognized option '{word}'. Did you mean '{meant}'?");
        }

        terminal.Error.WriteLine($"See '{CommandLine(parse.CommandResult)} --help' for the options.");
        return true;
    }

    /// <summary>
    /// Words before <c>--</c> that start with a dash and ended up as argument values or unmatched; after
    /// <c>--</c> a dash means nothing (<c>topo exec NODE -- ping -c1 ...</c>).
    /// </summary>
    private static List<string> Find(ParseResult parse)
    {
        var asArguments = parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(argument => argument.Tokens.Select(token => token.Value))
            .Concat(parse.UnmatchedTokens)
            .ToHashSet(StringComparer.Ordinal);
        return [.. parse.Tokens
            .TakeWhile(token => token.Type != TokenType.DoubleDash)
            .Where(token => token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-')
            .Select(token => token.Value)
            .Where(asArguments.Contains)
            .Distinct()];
    }

    /// <summary>The command's own options and the recursive ones of the commands above it (--verbose, --help).</summary>
    private static IEnumerable<Option> Known(CommandResult command)
    {
        IEnumerable<Option> own = command.Command.Options;
        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            own = own.Concat(parent.Command.Options.Where(option => option.Recursive));
        return own;
    }

    private static string CommandLine(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? at = command; at is CommandResult c; at = c.Parent)
            names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }
}
