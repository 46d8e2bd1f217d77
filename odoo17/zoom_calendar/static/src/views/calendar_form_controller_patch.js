/** @odoo-module **/
// A booking's Zoom meeting is made once the booking is committed (after the
// save's answer, which 17.0 reads in the same transaction): when the save
// answered without the Zoom link of a booking meeting on Zoom, the form reads
// the booking once more, so that the link, the start button and the status
// show at once.
import { patch } from "@web/core/utils/patch";
import { CalendarFormController } from "@calendar/views/calendar_form/calendar_form_controller";

patch(CalendarFormController.prototype, {
    async save(params) {
        const saved = await super.save(...arguments);
        const record = this.model.root;
        if (saved && record.resId && record.data.booking_location === "zoom" && !record.data.videocall_location) {
            await record.load();
        }
        return saved;
    },
});
