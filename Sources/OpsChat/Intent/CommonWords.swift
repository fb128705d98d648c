/// Common English words that are one typo from a word the parser acts on: "getting" is not "setting", "same"
/// not "sale", "cost" not "most", "will" not "till", "your" not "hour". A typed word found here is never
/// corrected (the words of `Vocabulary` themselves need no list: they are already right).
enum CommonWords {
    static let all: Set<String> = [
        "about", "after", "again", "also", "always", "another", "anyone", "around", "away", "back", "bake", "bank",
        "bear", "beat", "been", "before", "being", "bell", "belt", "bent", "bill", "bold", "border", "both", "bring",
        "busy", "cake", "call", "came", "cast", "cell", "cellar", "chat", "chats", "cheap", "cheer", "cheers", "clock",
        "close", "closed", "cold", "come", "coming", "cost", "costs", "could", "county", "court", "dear", "decent",
        "deal", "done", "down", "each", "east", "else", "even", "ever", "every", "fade", "fake", "fast", "fear",
        "feed", "feel", "fell", "felt", "fill", "find", "fine", "first", "five", "fold", "food", "four", "free",
        "from", "full", "gave", "gear", "getting", "give", "glad", "goes", "going", "gone", "good", "great", "hale",
        "half", "hand", "hate", "have", "hear", "heard", "held", "hell", "here", "high", "hill", "hold", "home",
        "hope", "host", "into", "just", "keep", "kept", "kind", "know", "lake", "late", "later", "lift", "like",
        "line", "list", "live", "long", "look", "lost", "lots", "love", "lower", "made", "mail", "main", "male",
        "mate", "maybe", "mean", "meant", "meet", "mind", "mine", "miss", "mode", "more", "mouth", "move", "much",
        "must", "name", "near", "need", "never", "news", "nice", "note", "once", "only", "open", "opened", "other",
        "ours", "over", "part", "pass", "past", "pay", "pays", "pick", "place", "plan", "play", "please", "post",
        "pour", "pull", "push", "quick", "rain", "rate", "rather", "read", "ready", "real", "really", "rest",
        "ring", "said", "sale", "same", "save", "says", "seal", "seed", "seem", "seen", "self", "send", "sent",
        "set", "setting", "settle", "shop", "shops", "shot", "should", "show", "shut", "side", "sign", "since",
        "site", "slow", "smart", "snow", "soon", "sort", "spend", "start", "started", "state", "stay", "step",
        "stick", "stop", "store", "stuck", "such", "sure", "take", "taken", "tale", "talk", "tall", "team", "tell",
        "test", "text", "than", "thank", "that", "them", "then", "there", "these", "they", "thing", "think",
        "this", "those", "though", "thus", "tile", "told", "took", "tour", "town", "tree", "true", "trust", "turn",
        "unit", "upon", "used", "very", "wait", "wake", "walk", "want", "wants", "warm", "wave", "ways", "weak",
        "wear", "well", "went", "were", "west", "what", "when", "where", "which", "while", "whole", "wide", "will",
        "wish", "with", "word", "work", "worked", "would", "yeah", "year", "years", "your", "yours", "yell",
        "older", "order", "ordered", "ordering", "list", "lists", "lasts", "lasted", "cunning", "decent",
        "rain", "soup", "door", "doors", "front", "more", "calories", "allergens", "music", "news", "nuts",
        "timer", "minutes", "joke", "robot", "parking", "review", "recipe", "password", "keys", "phone",
    ]
}
