import Foundation

/// The demo shop's range: a café-grocery with 150 products in 10 categories.
struct DemoCatalog {
    enum Season {
        case none
        case summer
        case winter
    }

    struct Item {
        let sku: String
        let name: String
        let category: String
        /// Shelf price in cents.
        let price: Int
        /// Units sold on an ordinary Thursday.
        let dailyUnits: Double
        let season: Season
        let leadTimeDays: Int
        let packSize: Int
        /// Cost as a share of price; nil for the few items whose cost the shop never entered.
        let costShare: Double?
    }

    /// (category, SKU prefix, lead time, pack size, cost share, [(name, price in cents, daily units, season)])
    private static let ranges: [(String, String, Int, Int, Double, [(String, Int, Double, Season)])] = [
        (
            "Coffee", "COF", 2, 1, 0.22,
            [
                ("Espresso", 240, 14, .none), ("Americano", 280, 22, .none), ("Flat White", 340, 30, .none),
                ("Cappuccino", 340, 26, .none), ("Latte", 350, 32, .none), ("Oat Latte", 390, 18, .none),
                ("Mocha", 380, 9, .winter), ("Cortado", 310, 8, .none), ("Macchiato", 290, 5, .none),
                ("Iced Latte", 380, 10, .summer), ("Iced Americano", 320, 7, .summer), ("Cold Brew", 390, 6, .summer),
                ("Chai Latte", 360, 8, .winter), ("Hot Chocolate", 320, 9, .winter), ("Matcha Latte", 390, 6, .none),
            ]
        ),
        (
            "Tea & Drinks", "DRK", 3, 12, 0.35,
            [
                ("English Breakfast Tea", 220, 10, .winter), ("Earl Grey Tea", 220, 5, .none),
                ("Green Tea", 230, 4, .none), ("Peppermint Tea", 230, 4, .winter),
                ("Fresh Orange Juice", 320, 7, .summer), ("Apple Juice", 250, 5, .none),
                ("Sparkling Water 500ml", 160, 8, .summer), ("Still Water 500ml", 140, 10, .summer),
                ("Lemonade", 260, 5, .summer), ("Kombucha", 330, 4, .none), ("Cola 330ml", 150, 7, .summer),
                ("Ginger Beer", 190, 3, .none), ("Iced Tea", 280, 4, .summer), ("Berry Smoothie", 420, 5, .summer),
                ("Green Smoothie", 450, 3, .none),
            ]
        ),
        (
            "Bakery", "BAK", 1, 6, 0.30,
            [
                ("Croissant", 260, 24, .none), ("Pain au Chocolat", 290, 14, .none),
                ("Almond Croissant", 340, 9, .none), ("Cinnamon Bun", 320, 10, .winter),
                ("Blueberry Muffin", 290, 8, .none), ("Banana Bread", 300, 7, .none),
                ("Sourdough Loaf", 480, 9, .none), ("Baguette", 210, 8, .none), ("Plain Bagel", 180, 6, .none),
                ("Sesame Bagel", 190, 5, .none), ("Fruit Scone", 250, 6, .none), ("Brownie", 280, 9, .none),
                ("Chocolate Chip Cookie", 220, 11, .none), ("Carrot Cake Slice", 360, 5, .none),
                ("Lemon Drizzle Slice", 340, 5, .summer),
            ]
        ),
        (
            "Lunch", "LUN", 1, 1, 0.38,
            [
                ("Ham & Cheese Toastie", 590, 9, .none), ("Cheese Toastie", 520, 7, .winter), ("BLT", 560, 6, .none),
                ("Chicken Caesar Wrap", 620, 7, .summer), ("Falafel Wrap", 580, 6, .none), ("Tuna Melt", 590, 5, .none),
                ("Egg Mayo Sandwich", 420, 5, .none), ("Avocado Toast", 680, 8, .none),
                ("Soup of the Day", 550, 8, .winter), ("Quiche Slice", 520, 4, .none),
                ("Sausage Roll", 320, 9, .winter),
                ("Salad Bowl", 720, 6, .summer), ("Mac & Cheese Pot", 560, 4, .winter),
                ("Breakfast Burrito", 650, 5, .none), ("Porridge Pot", 380, 6, .winter),
            ]
        ),
        (
            "Dairy", "DAI", 2, 6, 0.62,
            [
                ("Oat Milk 1L", 210, 7, .none), ("Whole Milk 1L", 150, 9, .none),
                ("Semi-Skimmed Milk 1L", 145, 8, .none),
                ("Almond Milk 1L", 230, 3, .none), ("Soy Milk 1L", 190, 2, .none),
                ("Greek Yogurt 500g", 280, 4, .summer),
                ("Natural Yogurt 500g", 190, 3, .none), ("Butter 250g", 260, 4, .none), ("Cheddar 200g", 320, 4, .none),
                ("Free Range Eggs 6", 230, 6, .none), ("Free Range Eggs 12", 420, 3, .none),
                ("Double Cream 300ml", 190, 2, .winter), ("Feta 200g", 290, 2, .summer),
                ("Halloumi 225g", 340, 3, .summer), ("Oat Milk Barista 1L", 240, 4, .none),
            ]
        ),
        (
            "Produce", "PRO", 1, 10, 0.55,
            [
                ("Bananas", 30, 14, .none), ("Gala Apples", 45, 9, .none), ("Avocado", 120, 7, .none),
                ("Lemons", 40, 4, .summer), ("Vine Tomatoes 500g", 210, 4, .summer), ("Cucumber", 80, 3, .summer),
                ("Baby Spinach 200g", 180, 3, .none), ("Carrots 1kg", 95, 3, .winter), ("Onions 1kg", 110, 3, .none),
                ("Potatoes 2kg", 190, 2, .winter), ("Strawberries 400g", 320, 5, .summer),
                ("Blueberries 150g", 250, 4, .none), ("Oranges", 50, 5, .winter), ("Garlic Bulb", 60, 2, .none),
                ("Mixed Salad 120g", 150, 3, .summer),
            ]
        ),
        (
            "Pantry", "PAN", 5, 6, 0.58,
            [
                ("House Coffee Beans 250g", 850, 3, .none), ("Decaf Coffee Beans 250g", 880, 1, .none),
                ("Penne Pasta 500g", 120, 3, .winter), ("Spaghetti 500g", 120, 3, .none),
                ("Basmati Rice 1kg", 260, 2, .none), ("Chopped Tomatoes 400g", 85, 4, .winter),
                ("Chickpeas 400g", 90, 2, .none), ("Olive Oil 500ml", 620, 1, .none), ("Peanut Butter", 290, 2, .none),
                ("Strawberry Jam", 250, 1, .none), ("Honey 340g", 420, 1, .winter), ("Granola 500g", 380, 2, .none),
                ("Porridge Oats 1kg", 180, 2, .winter), ("Bread Flour 1.5kg", 190, 1, .winter),
                ("Tea Bags 80", 350, 2, .none),
            ]
        ),
        (
            "Snacks", "SNK", 4, 24, 0.45,
            [
                ("Sea Salt Crisps", 120, 7, .none), ("Cheese & Onion Crisps", 120, 5, .none),
                ("Dark Chocolate Bar", 220, 4, .winter), ("Milk Chocolate Bar", 180, 5, .winter),
                ("Oat Flapjack", 230, 5, .none), ("Protein Bar", 250, 4, .none), ("Mixed Nuts 150g", 350, 2, .none),
                ("Sweet Popcorn", 150, 3, .none), ("Rice Cakes", 130, 1, .none), ("Energy Balls", 260, 3, .none),
                ("Shortbread", 240, 2, .winter), ("Gummy Bears", 140, 3, .none), ("Tortilla Chips", 180, 2, .summer),
                ("Tomato Salsa", 210, 1, .summer), ("Hummus 200g", 190, 3, .summer),
            ]
        ),
        (
            "Frozen", "FRZ", 4, 6, 0.50,
            [
                ("Vanilla Ice Cream 500ml", 450, 2, .summer), ("Chocolate Ice Cream 500ml", 450, 2, .summer),
                ("Ice Lolly", 150, 5, .summer), ("Frozen Peas 900g", 180, 1, .none),
                ("Frozen Berries 500g", 320, 1, .summer),
                ("Margherita Pizza", 390, 2, .winter), ("Fish Fingers", 290, 1, .none),
                ("Veggie Burgers 4pk", 350, 1, .summer),
                ("Oven Chips 1kg", 220, 1, .winter), ("Frozen Spinach", 160, 1, .none),
                ("Ice Cubes 2kg", 180, 2, .summer),
                ("Lemon Sorbet", 380, 1, .summer), ("Frozen Croissants 6", 420, 1, .none),
                ("Gyoza Dumplings", 390, 1, .none),
                ("Garlic Bread", 170, 1, .winter),
            ]
        ),
        (
            "Household", "HOU", 7, 12, 0.48,
            [
                ("Washing Up Liquid", 150, 1, .none), ("Kitchen Roll 2pk", 240, 1.5, .none),
                ("Toilet Roll 4pk", 320, 1.5, .winter), ("Bin Bags 20", 220, 0.8, .none),
                ("Hand Soap", 190, 0.8, .winter),
                ("Sponges 3pk", 130, 0.6, .none), ("Laundry Liquid", 550, 0.7, .none),
                ("Aluminium Foil", 210, 0.5, .none),
                ("Cling Film", 180, 0.5, .none), ("Matches", 60, 0.4, .winter),
                ("Tealight Candles 10", 190, 0.6, .winter),
                ("AA Batteries 4pk", 450, 0.5, .winter), ("LED Light Bulb", 350, 0.3, .winter),
                ("Reusable Cup", 900, 0.6, .none), ("Paper Napkins", 120, 0.7, .none),
            ]
        ),
    ]

    /// Items whose cost the demo shop never entered, so "margin where costs are known" has something to say.
    private static let withoutCost: Set<String> = ["Kombucha", "Energy Balls", "Gyoza Dumplings", "Reusable Cup"]

    static let items: [Item] = ranges.flatMap { category, prefix, leadTime, pack, costShare, products in
        products.enumerated().map { index, product in
            let (name, price, units, season) = product
            return Item(
                sku: "\(prefix)-\(String(format: "%03d", index + 1))", name: name, category: category, price: price,
                dailyUnits: units, season: season, leadTimeDays: leadTime, packSize: pack,
                costShare: withoutCost.contains(name) ? nil : costShare)
        }
    }

    static var categories: [String] { ranges.map(\.0) }
}
