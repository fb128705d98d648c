import Testing

/// Messages the bot has no answer for — other questions, chit-chat, other languages, gibberish — written for
/// these tests. Each must get "can't yet" or "didn't get that" (silence in groups), never a figure for
/// another question.
enum OutOfScopeTable {
    static let all: [String] = [
        // Questions about the shop the bot has no data for.
        "what's the weather like tomorrow", "is it going to rain today", "what time do we close",
        "what time do we open on sunday", "whats the wifi password", "where are the spare till rolls",
        "who has the keys", "is the coffee machine fixed", "when is the fridge engineer coming",
        "how much is the rent", "whats the electricity bill", "what's the vat rate", "who is our milk supplier",
        "when does the delivery van come", "call the plumber", "book a table for 4 at 7",
        "can you order more cups from amazon", "what's the card machine fee", "how do i do a refund on the till",
        "how do i change the till roll", "whats the alarm code", "where's the first aid kit",
        "has anyone seen my phone", "who left the back door open", "is there parking out front",
        "what's our google rating", "reply to the review on tripadvisor", "post on instagram",
        "what's our instagram follower count", "send the accountant the vat return", "how much tax do we owe",
        "what's the bank balance", "did the landlord email back", "renew the insurance",
        "whats the minimum wage", "how do i make a flat white", "what's the recipe for banana bread",
        "what's in the soup today", "is the quiche vegetarian", "does the brownie have nuts",
        "what allergens are in the pesto", "how many calories in a latte", "what temperature should the fridge be",
        // Chit-chat.
        "hi", "hello there", "good morning", "thanks!", "thank you so much", "cheers mate", "lol", "haha",
        "ok", "okay cool", "👍", "❤️", "🙂🙂", "how are you", "are you a robot", "who made you", "tell me a joke",
        "what's your name", "you're great", "i love you", "bye", "see you tomorrow", "nvm", "never mind",
        "sorry wrong chat", "test", "testing 123", "?", "...", "hmm", "yes", "no", "maybe", "sure",
        // Other languages.
        "hola que tal", "buenos días", "bonjour ça va", "merci beaucoup", "guten morgen", "wie geht's",
        "ciao bella", "obrigado", "dzień dobry", "こんにちは", "你好", "привет", "مرحبا", "namaste",
        // Gibberish and keyboard mashing.
        "asdfgh", "qwerty", "jjjjjj", "zzz", "xkcd", "blah blah", "lorem ipsum dolor", "🍕🍕🍕", "k",
        "sdfsdf sdfsdf", "aaaaaaa", "12345", "!!!", "#%&", "////",
        // The wider world.
        "who won the football", "what's the news", "play some music", "set a timer for 5 minutes",
        "remind me to call mum", "what's the capital of france", "how far is the moon", "what year is it",
        "convert 10 dollars to pounds", "what's bitcoin at",
    ]
}

@Suite struct OutOfScopeTableTests {
    @Test func everyMessageIsThereOnce() {
        #expect(Set(OutOfScopeTable.all).count == OutOfScopeTable.all.count)
        #expect(OutOfScopeTable.all.count >= 100)
    }
}
