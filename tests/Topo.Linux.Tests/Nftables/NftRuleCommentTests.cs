using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Nftables;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Nftables;

/// <summary>Each rule carries what in the lab file made it, as its nft comment: written, listed by nft, read back, and drift when edited.</summary>
public sealed class NftRuleCommentTests
{
    private const string Table = "topo-lab";

    private static readonly NftRule[] Commented =
    [
        new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.1.0.2", 80) { Comment = "ports web 8080:80" },
        new IsolationRule("personal", "docker0") { Comment = "isolated personal" },
        new MasqueradeRule("10.1.0.0/24") { Comment = "masquerade docker0" },
        new MasqueradeRule("fd00:1::/64") { Comment = "masquerade docker0" },
    ];

    [KernelFact]
    public void Comments_are_written_listed_by_nft_and_read_back_with_their_rules()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);

        nft.Apply(new NftTableResource(Netns.Host, Table, [.. Commented]));

        var text = sandbox.Witness("nft", "list", "table", "ip", Table);
        Assert.Contains("tcp dport 8080 dnat to 10.1.0.2:80 comment \"ports web 8080:80\"", text);
        Assert.Contains("iifname \"personal\" oifname \"docker0\" drop comment \"isolated personal\"", text);
        Assert.Contains("masquerade comment \"masquerade docker0\"", sandbox.Witness("nft", "list", "table", "ip6", Table));
        var read = nft.Read(Table)!;
        Assert.Equal(Commented.OrderBy(r => r.Family).ThenBy(r => r.Chain), read.Rules);
        Assert.DoesNotContain(read.Rules, r => r is ForeignNftRule);
    }

    [KernelFact]
    public void A_rule_whose_comment_was_edited_or_dropped_differs_from_the_lab_s_and_the_next_apply_writes_it_back()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        var wanted = new NftTableResource(Netns.Host, Table, [new MasqueradeRule("10.1.0.0/24") { Comment = "masquerade docker0" }]);
        nft.Apply(wanted);

        // What a table of an older topo looks like: the same rule, no comment.
        sandbox.Witness("nft", "flush", "chain", "ip", Table, "postrouting");
        sandbox.Witness("nft", "add", "rule", "ip", Table, "postrouting", "ip", "saddr", "10.1.0.0/24", "ip", "daddr", "!=", "10.1.0.0/24", "masquerade");
        var bare = nft.Read(Table)!;
        Assert.Equal<NftRule>([new MasqueradeRule("10.1.0.0/24")], bare.Rules.ToArray());
        Assert.NotEqual(wanted.RulesText, bare.RulesText);

        sandbox.Witness("nft", "flush", "chain", "ip", Table, "postrouting");
        sandbox.Witness("nft", "add", "rule", "ip", Table, "postrouting", "ip", "saddr", "10.1.0.0/24", "ip", "daddr", "!=", "10.1.0.0/24", "masquerade", "comment", "\"mine now\"");
        Assert.Equal("postrouting: ip saddr 10.1.0.0/24 ip daddr != 10.1.0.0/24 masquerade comment \"mine now\"", nft.Read(Table)!.RulesText);

        nft.Apply(wanted);
        Assert.Equal(wanted.RulesText, nft.Read(Table)!.RulesText);
        Assert.Contains("masquerade comment \"masquerade docker0\"", sandbox.Witness("nft", "list", "table", "ip", Table));
    }

    [KernelFact]
    public void A_comment_nft_would_cut_or_misquote_is_refused_before_the_kernel_sees_it()
    {
        using var sandbox = new KernelSandbox();
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);

        Assert.Throws<ArgumentException>(() => nft.Apply(new NftTableResource(Netns.Host, Table, [new MasqueradeRule("10.1.0.0/24") { Comment = new string('x', 129) }])));
        Assert.Throws<ArgumentException>(() => nft.Apply(new NftTableResource(Netns.Host, Table, [new MasqueradeRule("10.1.0.0/24") { Comment = "say \"hi\"" }])));
        Assert.Null(nft.Read(Table));
    }
}
